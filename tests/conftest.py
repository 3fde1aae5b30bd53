"""Shared fixtures: a small real site with every page type, built in the test database."""
import pytest

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    return build_site()

"""Fixtures for the share card tests: an empty cache for every test."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """Wagtail caches renditions by image id, and ids are reused after the test database's rollback."""

"""Shared fixtures: a small real site with every page type, built in the test database; the same site indexed for
search; an empty cache around a test."""
import pytest
from django.core.cache import cache

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    return build_site()


@pytest.fixture
def indexed_site(site_tree):
    """site_tree with the embedded search index brought up to date."""
    from sitesearch import engines, queue

    queue.process(engines.embedded())
    return site_tree


@pytest.fixture
def empty_cache():
    """The default cache cleared before and after the test (feeds, API answers and renditions are cached there)."""
    cache.clear()
    yield
    cache.clear()

"""Fixtures for the feed tests: the test site indexed for search, and an empty cache for every test."""
import pytest
from django.core.cache import cache

from sitesearch import engines, queue


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def indexed_site(site_tree):
    queue.process(engines.embedded())
    return site_tree

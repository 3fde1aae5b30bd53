"""Fixtures for the headless API tests: the test site, indexed for search, and an empty cache per test."""
import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def indexed_site(site_tree):
    from sitesearch import engines, queue

    queue.process(engines.embedded())
    return site_tree

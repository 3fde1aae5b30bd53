"""Fixtures for the share card tests: an empty cache for every test (Wagtail caches renditions by image id)."""
import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()

"""Fixtures for the feed tests: an empty cache for every test (indexed_site comes from tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """Feed bodies are cached."""

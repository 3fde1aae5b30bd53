"""Fixtures for the headless API tests: an empty cache for every test (indexed_site comes from tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """API answers and the rate limit's counters are cached."""

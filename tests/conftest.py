"""Shared fixtures: a small real site with every page type, built in the test database; the same site indexed for
search; an empty cache around a test."""
import copy

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.factories import build_site


@pytest.fixture(scope="module")
def _module_site(django_db_setup, django_db_blocker):
    """The site built once per test module inside an outer transaction, rolled back when the module ends: what
    Django's TestCase.setUpTestData does. Each test runs in a savepoint of it, so its changes are undone too."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_site()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def site_tree(_module_site, db):
    """Every page type published through revisions. A deep copy per test, so that no test sees another's
    in-memory changes; the cache starts empty, so that nothing cached by an earlier test is served."""
    cache.clear()
    return copy.deepcopy(_module_site)


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

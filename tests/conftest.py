"""Shared fixtures: a small real site with every page type, built in the test database; the same site indexed for
search; an empty cache around a test."""

import copy

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from pytest_django.plugin import blocking_manager_key

from tests.factories import build_site


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    by_marker = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return by_marker or "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


# alias -> the name of the test database while it exists (django_db_setup below)
_TEST_DATABASES: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test databases, their names noted for the teardown below for as long as they exist."""
    _TEST_DATABASES.update({c.alias: c.settings_dict["NAME"] for c in connections.all()})
    yield
    _TEST_DATABASES.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A transactional test ends by emptying every table, migrations' own rows too (the root page, content types,
    the default workflow). Django runs such tests last, so nothing notices; under xdist's --dist loadfile a file
    that mixes both kinds runs whole on one worker, and the tests after it would find an empty database. So the
    rows migrate left, serialized when the test database was made, are put back at once.

    Not after the last test of the session (or of an xdist worker): its teardown has just dropped the test databases,
    and the connections name the real ones again (on PostgreSQL, DATABASE_URL's database, which the restore would
    empty, or fail on when it does not exist); nothing runs after it anyway. A connection is only ever restored while
    it names the test database django_db_setup made for it."""
    yield
    if not _is_transactional(item) or nextitem is None:
        return
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is None or connection.settings_dict["NAME"] != _TEST_DATABASES.get(connection.alias):
                continue
            call_command("flush", database=connection.alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(contents)
            # Rows came back with their ids; on PostgreSQL the sequences must be moved past them.
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    ContentType.objects.clear_cache()  # the test may have made content types under other ids


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
    from search import engines, queue

    queue.process(engines.embedded())
    return site_tree


@pytest.fixture
def empty_cache():
    """The default cache cleared before and after the test (feeds, API answers and renditions are cached there)."""
    cache.clear()
    yield
    cache.clear()

"""Fixtures for the content-model tests: a site shared by a module, small trees, logged-in editors."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.cms.support import SmallTree
from tests.factories import build_site


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    """One `build_site()` for a whole module, rolled back when the module ends.

    Each test still runs in its own savepoint (request `tree`, which pulls in `db`), so what a test
    adds or changes is undone before the next one.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            tree = build_site()
            yield tree
            transaction.set_rollback(True)


@pytest.fixture
def tree(shared_site, db):
    return shared_site


@pytest.fixture
def editor_client(client, db):
    """A client logged in, with a password, as a superuser (the interface language is the site's, zh-hans)."""
    get_user_model().objects.create_superuser("editor", "editor@example.gov.cn", "pw-editor-123")
    assert client.login(username="editor", password="pw-editor-123")
    return client


@pytest.fixture
def small_tree(db):
    return SmallTree()

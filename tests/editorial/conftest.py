"""Fixtures of the editorial tests: the site with its roles set up, users in those roles, and the page editor's
own form read back from the admin's HTML so that tests post exactly what a browser would."""
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.http import QueryDict
from wagtail.test.utils.form_data import querydict_from_html, rich_text


def member(name: str, group: str) -> User:
    user = User.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def roles(site_tree):
    out = StringIO()
    call_command("setup_roles", stdout=out)
    return site_tree, out.getvalue()


def form_data(client, url: str, **changes) -> QueryDict:
    """The page form at `url` (edit or create view) as the browser would send it, with `changes` applied;
    a value given for `body` is HTML and is converted to the rich-text editor's format."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        if name == "body":
            value = rich_text(value)
        data[name] = value
    return data

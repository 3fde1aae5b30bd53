"""The admin speaks Chinese to every role: each role's user walks every admin view it can open (menus, listings, the
add and edit forms of each page type and snippet, reports, settings) and no English word is seen there, apart from
brand names, formats and codes (admin_walk.ALLOWED)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from wagtail.models import Page

from tests.locale.admin_walk import report, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def role_users(site_tree):
    call_command("setup_roles", stdout=StringIO())
    # Content, not interface: the test database keeps Wagtail's own first page, which load_demo removes.
    Page.objects.filter(title="Welcome to your new Wagtail site!").update(title="欢迎页", draft_title="欢迎页")
    users = {}
    for group in Group.objects.order_by("name"):
        user = User.objects.create_user(f"用户{group.pk}", password="pw", first_name=group.name[:30])
        user.groups.add(group)
        users[group.name] = user
    users["超级管理员"] = User.objects.create_superuser("管理员", "admin@example.gov.cn", "pw", first_name="管理员")
    return users


def test_every_role_sees_the_admin_in_chinese(client, role_users):
    """Each role walks the admin in turn; a kind of view already walked by an earlier role is not walked again (apart
    from the dashboard), so each role covers what it alone can open, and the superuser last what no role can."""
    problems = []
    total = 0
    seen: set = set()
    for role, user in role_users.items():
        client.force_login(user)
        result = walk(client, seen)
        total += len(result.visited)
        assert result.visited and not result.errors, f"{role}: {result.errors[:5]}"
        if result.findings:
            problems.append(f"{role}: {report(result)}")
        client.logout()
    assert total > 100, f"only {total} views walked"
    assert not problems, "\n\n".join(problems)

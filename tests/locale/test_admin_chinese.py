"""The admin speaks Chinese to every role: each role's user walks every admin view it can open (menus, listings, the
add and edit forms of each page type and snippet, reports, settings) and no English word is seen there, apart from
brand names, formats and codes (admin_walk.ALLOWED)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from tests.locale.admin_walk import report, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def role_users(site_tree):
    call_command("setup_roles", stdout=StringIO())
    users = {}
    for group in Group.objects.order_by("name"):
        user = User.objects.create_user(f"用户{group.pk}", password="pw", first_name=group.name[:30])
        user.groups.add(group)
        users[group.name] = user
    users["超级管理员"] = User.objects.create_superuser("管理员", "admin@example.gov.cn", "pw", first_name="管理员")
    return users


def test_every_role_sees_the_admin_in_chinese(client, role_users):
    problems = []
    total = 0
    for role, user in role_users.items():
        client.force_login(user)
        result = walk(client)
        total += len(result.visited)
        assert len(result.visited) > 3, f"{role} reached only {result.visited}"
        if result.findings:
            problems.append(f"{role}: {report(result)}")
        client.logout()
    print(f"{total} views walked")
    assert not problems, "\n\n".join(problems)

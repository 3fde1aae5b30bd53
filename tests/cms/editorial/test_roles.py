"""setup_roles: groups and page permissions, checked through the real admin with real users."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.cms.editorial.conftest import member


def test_idempotent(roles):
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert "0 change(s)" in out.getvalue()
    assert Group.objects.filter(name="审核员").exists()


def test_news_editor_cannot_edit_catalogue(roles, client):
    tree, _ = roles
    client.force_login(member("n", f"编辑：{tree.news_index.title}"))
    assert client.get(f"/admin/pages/{tree.news.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{tree.policy.pk}/edit/").status_code in (302, 403)


def test_press_office_publishes_conference_not_news(roles, client):
    tree, _ = roles
    user = member("p", "新闻办")
    client.force_login(user)
    perms = tree.conference.permissions_for_user(user)
    assert perms.can_publish()
    assert not tree.news.permissions_for_user(user).can_edit()
    assert client.get(f"/admin/pages/{tree.news.pk}/edit/").status_code in (302, 403)


def test_section_editor_cannot_publish(roles):
    tree, _ = roles
    user = member("c", f"编辑：{tree.catalogue.title}")
    perms = tree.policy.permissions_for_user(user)
    assert perms.can_edit() and not perms.can_publish()


def test_workflow_on_catalogue(roles):
    tree, _ = roles
    flow = tree.policy.get_workflow()
    assert flow is not None and flow.name == "信息公开审批"
    assert getattr(tree.news.get_workflow(), "name", None) != "信息公开审批"

"""setup_roles makes the 依申请公开办理员 group from disclosure_requests/roles.py; editors may handle error reports."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command


def test_setup_roles_creates_the_disclosure_officer(db, django_user_model):
    call_command("setup_roles", stdout=StringIO())
    officers = Group.objects.get(name="依申请公开办理员")
    user = django_user_model.objects.create_user("o", "o@example.gov.cn", "pw")
    user.groups.add(officers)
    user = django_user_model.objects.get(pk=user.pk)
    assert user.has_perms(
        [
            "disclosure_requests.approve_reply",
            "disclosure_requests.change_disclosurerequest",
            "privacy.view_personal_data",
            "wagtailadmin.access_admin",
        ]
    )
    editor = django_user_model.objects.create_user("e", "e@example.gov.cn", "pw")
    editor.groups.add(Group.objects.get(name="编辑"))
    editor = django_user_model.objects.get(pk=editor.pk)
    assert editor.has_perm("errorreports.change_errorreport")
    assert not editor.has_perm("privacy.view_personal_data") and not editor.has_perm("disclosure_requests.view_disclosurerequest")

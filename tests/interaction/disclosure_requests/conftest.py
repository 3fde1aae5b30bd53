"""Fixtures for disclosure on request: a home page with the 依申请公开 page under it, and staff users."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Page, Site

from cms.home.models import HomePage
from interaction.disclosure_requests.models import DisclosureRequestPage
from tests.factories import publish

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def request_page(db, empty_cache):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "省机关事务管理局"}
    )
    return publish(home, DisclosureRequestPage(title="依申请公开", slug="ysqgk", summary="如何申请公开政府信息"))


def make_staff(django_user_model, username: str, *perms: str):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn", "pw")
    for perm in ("wagtailadmin.access_admin",) + perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def officer(django_user_model):
    return make_staff(
        django_user_model,
        "officer",
        "disclosure_requests.view_disclosurerequest",
        "disclosure_requests.add_disclosurerequest",
        "disclosure_requests.change_disclosurerequest",
        "disclosure_requests.approve_reply",
        "privacy.view_personal_data",
    )


@pytest.fixture
def clerk(django_user_model):
    """May see and handle requests, but not personal data, and may not approve replies."""
    return make_staff(
        django_user_model, "clerk", "disclosure_requests.view_disclosurerequest", "disclosure_requests.change_disclosurerequest"
    )

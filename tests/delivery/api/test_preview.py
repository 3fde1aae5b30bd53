"""Draft previews for headless front ends: signed tokens, the admin page giving them, refusals of bad tokens."""

import html
import re
import time

import pytest
from django.core import signing
from django.test import override_settings

from delivery.api import preview

pytestmark = pytest.mark.django_db


class PastSigner(signing.TimestampSigner):
    """Signs as if it were two hours ago: a genuine token that has expired."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 7200)


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.com", "pw"))
    return client


def make_draft(site_tree):
    page = site_tree.policy
    page.title = "省直机关公务用车管理办法（修订草案）"
    page.save_revision()
    return page


def test_admin_gives_a_preview_url_that_shows_the_draft(editor_client, client, site_tree):
    page = make_draft(site_tree)
    edit = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/headless/preview/{page.pk}/" in edit.content.decode()
    shown = editor_client.get(f"/admin/headless/preview/{page.pk}/").content.decode()
    url = html.unescape(re.search(r'value="([^"]+/api/v2/pages/preview/\?token=[^"]+)"', shown).group(1))
    editor_client.logout()
    response = client.get(url)  # the front end has no session
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "省直机关公务用车管理办法（修订草案）"
    assert body["meta"]["preview"] is True and body["meta"]["revision_id"] == page.latest_revision.pk
    assert response["Cache-Control"] == "private, no-store"
    published = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert published["title"] == "省直机关公务用车管理办法"


def test_forged_token_is_refused(client, site_tree):
    forged = signing.dumps({"page": site_tree.policy.pk, "revision": None}, key="not-the-secret-key", salt=preview.SALT)
    response = client.get("/api/v2/pages/preview/", {"token": forged})
    assert response.status_code == 403
    assert "invalid" in response.json()["message"]


def test_tampered_token_is_refused(client, site_tree):
    token = preview.make_token(make_draft(site_tree))
    payload, rest = token.split(":", 1)
    tampered = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + ":" + rest
    response = client.get("/api/v2/pages/preview/", {"token": tampered})
    assert response.status_code == 403 and "invalid" in response.json()["message"]


def test_token_signed_with_another_salt_is_refused(client, site_tree):
    token = signing.dumps({"page": site_tree.policy.pk, "revision": None}, salt="something-else")
    response = client.get("/api/v2/pages/preview/", {"token": token})
    assert response.status_code == 403


def test_expired_token_is_refused(client, site_tree):
    page = make_draft(site_tree)
    old = PastSigner(salt=preview.SALT).sign_object({"page": page.pk, "revision": page.latest_revision.pk}, compress=True)
    response = client.get("/api/v2/pages/preview/", {"token": old})
    assert response.status_code == 403
    assert "expired" in response.json()["message"]
    with override_settings(HEADLESS_PREVIEW_TOKEN_LIFETIME=3 * 3600):
        assert client.get("/api/v2/pages/preview/", {"token": old}).status_code == 200


def test_missing_token_is_refused(client, site_tree):
    response = client.get("/api/v2/pages/preview/")
    assert response.status_code == 403 and "token is required" in response.json()["message"]


def test_preview_admin_needs_edit_permission(client, site_tree, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "r@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(f"/admin/headless/preview/{site_tree.policy.pk}/")
    assert response.status_code in (302, 403)

"""Business systems' tokens: only a live token of an active system holding the scope passes; every call is logged;
refusals are JSON with a reason; staff issue and revoke tokens in the admin."""

import json

import pytest
from django.core.management import call_command
from django.http import JsonResponse
from django.test import RequestFactory

from govcms.integrations.access import system_api
from govcms.integrations.models import Call, System, Token

pytestmark = pytest.mark.django_db


@system_api("test.read")
def echo(request):
    return JsonResponse({"system": request.system.code})


@pytest.fixture
def system():
    return System.objects.create(name="办公用房管理系统", code="bgyf", scopes=["test.read"])


def call(token=None, header=None):
    request = RequestFactory().get("/api/test/", HTTP_AUTHORIZATION=header or (f"Bearer {token}" if token else ""))
    return echo(request)


def test_a_live_token_passes_and_is_logged(system):
    raw = system.issue_token()
    assert raw.startswith("gcs_") and not Token.objects.filter(key_hash=raw).exists()  # only the hash is stored
    response = call(raw)
    assert response.status_code == 200 and json.loads(response.content) == {"system": "bgyf"}
    logged = Call.objects.get()
    assert (logged.system, logged.status, logged.scope) == (system, 200, "test.read")
    assert Token.objects.get().last_used_at is not None


@pytest.mark.parametrize("header", ["", "Basic abc", "Bearer ", "Bearer gcs_not-a-token"])
def test_missing_or_unknown_tokens_get_401_with_a_reason(system, header):
    response = call(header=header or None)
    assert response.status_code == 401
    assert json.loads(response.content)["error"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Call.objects.get().system is None


def test_revoked_disabled_and_out_of_scope_are_refused(system):
    raw = system.issue_token()
    system.scopes = ["other"]
    system.save()
    assert call(raw).status_code == 403
    system.scopes = ["test.read"]
    system.active = False
    system.save()
    assert call(raw).status_code == 403
    system.active = True
    system.save()
    Token.objects.get().revoke()
    assert call(raw).status_code == 401
    assert Call.objects.count() == 3


def test_the_command_prints_a_token_once(system, capsys):
    call_command("integration_token", "bgyf")
    raw = capsys.readouterr().out.strip()
    assert call(raw).status_code == 200
    with pytest.raises(Exception, match="no business system"):
        call_command("integration_token", "nope")


def test_staff_issue_and_revoke_tokens_in_the_admin(client, system, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.gov.cn", "pw"))
    assert client.get("/admin/integration_systems/").status_code == 200
    page = client.post(f"/admin/integrations/{system.pk}/tokens/issue/")
    assert page.status_code == 200
    token = Token.objects.get()
    raw = page.content.decode().split('id="token"')[1].split(">")[1].split("<")[0]
    assert raw.startswith(token.key_prefix)
    assert client.get(f"/admin/integrations/{system.pk}/tokens/").status_code == 200
    client.post(f"/admin/integrations/tokens/{token.pk}/revoke/")
    assert call(raw).status_code == 401

"""The business systems' API: tokens (none, unknown, revoked, wrong scope), reading cases without personal data,
pushing a step, bad bodies (4xx with a JSON reason), every call logged; and the OpenAPI description lists it."""

from __future__ import annotations

import json

import pytest

from govcms.integrations.models import Call, System
from interaction.services import workflow
from interaction.services.models import Application

pytestmark = pytest.mark.django_db
URL = "/api/services/cases/"


def token(scopes=("services.cases",), code="bgyf") -> str:
    return System.objects.create(name=f"系统{code}", code=code, scopes=list(scopes)).issue_token()


def auth(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def case(catalogue):
    app = Application.objects.create(
        service=catalogue["repair"],
        service_name="办公用房维修项目审批",
        form_kind="repair",
        title="屋面维修",
        contact_name="王五",
        contact_phone="0731-88880000",
        email="wangwu@example.gov.cn",
    )
    workflow.submit(app)
    return app


def test_tokens_are_required_and_checked(client, case):
    for headers, status in [
        ({}, 401),
        (auth("not-a-token"), 401),
        ({"HTTP_AUTHORIZATION": "Basic abc"}, 401),
        (auth(token(scopes=["opendata.read"], code="other")), 403),
    ]:
        response = client.get(URL, **headers)
        assert response.status_code == status and "error" in response.json()
    system = System.objects.create(name="已撤销", code="old", scopes=["services.cases"])
    raw = system.issue_token()
    system.tokens.get().revoke()
    assert client.get(URL, **auth(raw)).status_code == 401
    assert Call.objects.count() == 5


def test_read_cases_without_personal_data(client, case):
    raw = token()
    listing = client.get(URL, **auth(raw))
    assert listing.status_code == 200 and listing.json()["count"] == 1
    body = client.get(f"{URL}{case.pk}/", **auth(raw)).content.decode()
    assert "屋面维修" in body and "0731-88880000" not in body and "wangwu@" not in body and "王五" not in body
    assert client.get(f"{URL}999999/", **auth(raw)).status_code == 404
    for bad in ("status=nonsense", "updated_since=yesterday", "limit=0", "limit=abc"):
        response = client.get(f"{URL}?{bad}", **auth(raw))
        assert response.status_code == 400 and response.json()["error"]


def test_push_a_step_and_bad_bodies(client, case):
    raw = token()
    url = f"{URL}{case.pk}/status/"
    for body, status in [
        ("not json", 400),
        ("[1, 2]", 400),
        (json.dumps({"action": "explode"}), 400),
        (json.dumps({"action": "refuse", "text": 5}), 400),
        (json.dumps({"action": "decide", "outcome": "approved"}), 409),  # not accepted yet
    ]:
        response = client.post(url, body, content_type="application/json", **auth(raw))
        assert response.status_code == status and response.json()["error"]
    assert client.get(url, **auth(raw)).status_code == 405
    response = client.post(url, json.dumps({"action": "accept"}), content_type="application/json", **auth(raw))
    assert response.status_code == 200 and response.json()["status"] == "reviewing"
    case.refresh_from_db()
    assert case.status == "reviewing" and case.events.last().system == "系统bgyf"


def test_openapi_lists_the_api_with_a_bearer_scheme(client):
    schema = client.get("/api/schema/").json()
    assert "/api/services/cases/{id}/status/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["systemToken"]["scheme"] == "bearer"

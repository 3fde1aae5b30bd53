"""Bad requests answer 400 with a JSON reason; ETag/304, Cache-Control, CORS and the anonymous rate limit."""

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"colour": "red"}, "colour"),
        ({"published_after": "2024/01/01"}, "YYYY-MM-DD"),
        ({"published_before": "2024-13-40"}, "YYYY-MM-DD"),
        ({"limit": "abc"}, "positive integer"),
        ({"limit": "1000"}, "100"),
        ({"limit": "-1"}, "positive integer"),
        ({"offset": "x"}, "offset"),
        ({"type": "policy.NoSuchPage"}, "type"),
        ({"type": "nonsense"}, "type"),
        ({"organ": "1' OR '1'='1"}, "not allowed"),
        ({"topic": "cz; DROP TABLE wagtailcore_page"}, "not allowed"),
        ({"validity": "forever"}, "validity"),
        ({"category": "no-such-category"}, "category"),
        ({"organ": "000000"}, "organ"),
        ({"year": "twenty"}, "year"),
    ],
)
def test_bad_requests_get_400_with_reason(client, site_tree, params, reason):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    message = response.json()["message"]
    assert reason in message


def test_unknown_page_is_json_404(client, site_tree):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404 and "message" in response.json()


def test_etag_and_304(client, site_tree):
    url = f"/api/v2/pages/{site_tree.policy.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.json()["id"] == site_tree.policy.pk


def test_staff_answers_are_private(client, site_tree, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    response = client.get("/api/v2/pages/")
    assert response["Cache-Control"] == "private, no-cache"


@override_settings(API_ANON_RATE="3/minute")
def test_anonymous_clients_are_throttled(client, site_tree):
    cache.clear()
    for _ in range(3):
        assert client.get("/api/v2/pages/").status_code == 200
    response = client.get("/api/v2/pages/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "too many requests" in response.json()["message"]


@override_settings(API_ANON_RATE="2/minute")
def test_staff_are_not_throttled(client, site_tree, django_user_model):
    cache.clear()
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    assert all(client.get("/api/v2/pages/").status_code == 200 for _ in range(5))


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.cn"])
def test_cors_preflight_allowed_origin(client, site_tree):
    response = client.options("/api/v2/pages/", HTTP_ORIGIN="https://front.example.cn", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://front.example.cn"
    simple = client.get("/api/v2/pages/", HTTP_ORIGIN="https://front.example.cn")
    assert simple["Access-Control-Allow-Origin"] == "https://front.example.cn"


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.cn"])
def test_cors_preflight_disallowed_origin_and_non_api_paths(client, site_tree):
    response = client.options("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in response
    page = client.get("/", HTTP_ORIGIN="https://front.example.cn")
    assert "Access-Control-Allow-Origin" not in page

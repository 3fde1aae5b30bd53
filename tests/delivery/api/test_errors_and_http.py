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
        ({"year": "twenty"}, "year"),
        ({"year": "1066"}, "year"),
        ({"offset": "9223372036854775808"}, "offset"),
        ({"child_of": "abc"}, "child_of"),
        ({"ancestor_of": "root"}, "ancestor_of"),
        ({"translation_of": "root"}, "translation_of"),
        ({"descendant_of": "99999999999999999999"}, "descendant_of"),
        ({"search": "x", "search_operator": "xor"}, "search_operator"),
        ({"fields": ""}, "fields"),
    ],
)
def test_bad_requests_get_400_with_reason(client, site_tree, params, reason):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    message = response.json()["message"]
    assert reason in message


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"category": "no-such-category"}, "category"),
        ({"organ": "000000"}, "organ"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"child_of": "99999"}, "parent page"),
        ({"locale": "xx"}, "Locale"),
    ],
)
def test_well_formed_values_naming_nothing_get_404(client, site_tree, params, reason):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert reason in response.json()["message"]


@pytest.mark.parametrize(
    ("url", "status", "reason"),
    [
        ("/api/v2/pages/find/?id=null&id=null", 400, "id must be a positive integer"),
        ("/api/v2/pages/find/?id=abc", 400, "id must be a positive integer"),
        ("/api/v2/images/find/?id=99999999999999999999", 400, "id must be a positive integer"),
        ("/api/v2/documents/find/?id=999999", 404, "not found"),
        ("/api/v2/images/?search=x&search_operator=nonsense", 400, "search_operator"),
        ("/api/v2/documents/?search=x&search_operator=nonsense", 400, "search_operator"),
        ("/api/v2/pages/9223372036854775808/", 404, "not found"),
        ("/api/v2/pages/null,null/", 404, "no API endpoint"),
        ("/api/v2/pages/find/?html_path=/a%00b/", 404, "not found"),
        ("/api/v2/nothing/", 404, "no API endpoint"),
    ],
)
def test_what_the_fuzzer_found_is_a_json_4xx(client, site_tree, url, status, reason):
    response = client.get(url)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    assert reason in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("text", ['"', "\x00", "a\x00b", "(", "AND", "NEAR(", "*", "^x", 'x" OR "y', "-", ":"])
def test_search_syntax_of_the_database_backend_is_plain_text(client, site_tree, endpoint, text):
    """Quotes, NUL, operators: FTS5 query syntax on SQLite; here they are only text (200, perhaps no results)."""
    response = client.get(f"/api/v2/{endpoint}/", {"search": text})
    assert response.status_code == 200, response.content[:200]
    assert "items" in response.json()


def test_image_and_document_search_finds_chinese_titles(client, site_tree):
    from tests.factories import make_document

    document = make_document("省直机关公务用车管理办法附件")
    items = client.get("/api/v2/documents/", {"search": "公务用车"}).json()["items"]
    assert document.pk in [item["id"] for item in items]
    assert client.get("/api/v2/documents/", {"search": "公务用车 不存在的词"}).json()["items"] == []
    either = client.get("/api/v2/documents/", {"search": "公务用车 不存在的词", "search_operator": "or"}).json()
    assert document.pk in [item["id"] for item in either["items"]]


def test_combinations_wagtail_refused_are_answered(client, site_tree):
    both = client.get("/api/v2/pages/", {"child_of": site_tree.home.pk, "descendant_of": site_tree.home.pk})
    assert both.status_code == 200 and both.json()["meta"]["total_count"] >= 1
    shuffled = client.get("/api/v2/pages/", {"order": "random", "offset": 1})
    assert shuffled.status_code == 200
    ordered = client.get("/api/v2/images/", {"search": "x", "order": "height"})
    assert ordered.status_code == 200


def test_other_errors_share_the_json_shape(client, site_tree):
    response = client.post("/api/v2/pages/")
    assert response.status_code == 405 and "GET" in response["Allow"]
    assert set(response.json()) == {"message"}


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

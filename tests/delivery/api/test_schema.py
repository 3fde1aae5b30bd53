"""The OpenAPI description is valid, generated from the code, and the documentation page renders it."""

import pytest
from openapi_spec_validator import validate

from cms.policy.models import PolicyPage

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    description = response.json()
    validate(description)
    assert {"/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/pages/preview/", "/api/v2/images/", "/api/v2/documents/"} <= set(
        description["paths"]
    )


def test_schema_follows_the_code(client):
    description = client.get("/api/schema/").json()
    params = {p["name"] for p in description["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {
        "category",
        "organ",
        "topic",
        "genre",
        "year",
        "validity",
        "published_after",
        "published_before",
        "type",
        "order",
        "search",
        "limit",
        "offset",
        "child_of",
        "descendant_of",
    } <= params
    policy = description["components"]["schemas"]["policy.PolicyPage"]["properties"]
    assert {field.name for field in PolicyPage.api_fields} <= set(policy)
    assert policy["publication_date"]["format"] == "date"
    assert policy["attachments"]["type"] == "array"
    limit = next(p for p in description["paths"]["/api/v2/pages/"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 100


def test_docs_page_in_chinese_with_examples(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v2/pages/?search=公务用车" in html
    assert "policy.PolicyPage" in html and "published_after" in html
    assert "<script" not in html  # self-hosted, no scripts at all

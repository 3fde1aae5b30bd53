"""The admin's flat listing of disclosed items: metadata columns and catalogue filters, over real HTTP."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client_logged_in(client, site_tree):
    user = get_user_model().objects.create_superuser("editor-admin", "a@example.gov.cn", "pw")
    client.force_login(user)
    return client


def test_listing_shows_index_and_document_numbers(admin_client_logged_in, site_tree):
    response = admin_client_logged_in.get("/admin/disclosure_items/")
    assert response.status_code == 200
    html = response.content.decode()
    assert site_tree.policy.index_number in html
    assert "湘机管发〔2016〕3号" in html


def test_listing_filters_by_organ_and_validity(admin_client_logged_in, site_tree):
    response = admin_client_logged_in.get("/admin/disclosure_items/", {"organ": site_tree.organ2.pk, "validity": "valid"})
    assert response.status_code == 200
    titles = {page.title for page in response.context["pages"]}
    assert titles == {"2024年部门预算公开"}


def test_listing_needs_login(client, site_tree):
    response = client.get("/admin/disclosure_items/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

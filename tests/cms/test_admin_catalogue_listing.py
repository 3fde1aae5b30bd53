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


def _titles(client, **params):
    response = client.get("/admin/disclosure_items/", params)
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


def test_listing_filters_by_category_with_its_sub_categories(admin_client_logged_in, site_tree):
    from cms.disclosure.models import CategoryPage

    finance = CategoryPage.objects.get(slug="czzj")
    assert _titles(admin_client_logged_in, category=finance.pk) == {"2024年部门预算公开", "2023年三公经费决算说明"}
    html = admin_client_logged_in.get("/admin/disclosure_items/").content.decode()
    assert f'<option value="{finance.pk}">' in html and "部门预算</option>" in html  # offered, sub-category indented


def test_listing_filters_by_year_of_publication(admin_client_logged_in, site_tree):
    assert _titles(admin_client_logged_in, year=2024) == {"2024年部门预算公开", "2023年政府信息公开工作年度报告"}
    html = admin_client_logged_in.get("/admin/disclosure_items/").content.decode()
    assert '<option value="2016">2016年</option>' in html


def test_listing_filters_by_status(admin_client_logged_in, site_tree):
    from cms.disclosure.models import CategoryPage, DisclosureItemPage

    finance = CategoryPage.objects.get(slug="czzj")
    finance.add_child(instance=DisclosureItemPage(title="草稿：2025年决算", slug="draft-2025", live=False))
    assert _titles(admin_client_logged_in, status="draft") == {"草稿：2025年决算"}
    assert "草稿：2025年决算" not in _titles(admin_client_logged_in, status="live")
    assert site_tree.policy.title in _titles(admin_client_logged_in, status="live")


def test_listing_shows_absolute_dates_and_gives_the_title_room(admin_client_logged_in, site_tree):
    import re

    html = admin_client_logged_in.get("/admin/disclosure_items/", {"category": site_tree.policy.get_parent().pk}).content.decode()
    assert '<time datetime="2016-03-15">2016-03-15</time>' in html  # 发布日期, not "… 之前"
    assert "之前" not in html and " ago" not in html
    widths = [int(w) for w in re.findall(r'<col[^>]*width="(\d+)%"', html)]
    assert widths and sum(widths) <= 65, widths  # the rest is the title's

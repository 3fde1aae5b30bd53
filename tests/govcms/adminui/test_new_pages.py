"""New pages in the admin: short pinyin slugs instead of percent-encoded Chinese titles, kept once published, and no
autosave on the add form (it would create the page before anyone saved)."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

from cms.disclosure.models import DisclosureItemPage
from govcms.adminui.slugs import SLUG_LENGTH, short_slug
from tests.factories import item_form_data

pytestmark = pytest.mark.django_db
TITLE = "关于做好2026年省直机关公务用车管理和办公用房维修改造工作有关事项的通知"


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", parent.pk])


def test_short_slug_is_pinyin_initials_with_digits_and_capped():
    assert short_slug("关于做好2026年公务用车管理工作的通知") == "gyzh2026ngwycglgzdtz"
    assert short_slug("年度报告（２０２５年）") == "ndbg2025n"
    assert len(short_slug(TITLE * 3)) <= SLUG_LENGTH
    assert short_slug("！！") == "page"


@pytest.mark.parametrize("sent_slug", ["", slugify(TITLE, allow_unicode=True)])
def test_a_new_page_with_a_chinese_title_gets_a_short_slug(admin_client, site_tree, sent_slug):
    parent = site_tree.policies
    data = item_form_data(site_tree, title=TITLE, slug=sent_slug)
    response = admin_client.post(add_url(parent), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = DisclosureItemPage.objects.get(title=TITLE)
    assert page.slug == short_slug(TITLE)
    assert page.slug.isascii() and len(page.url_path) < 120
    # a second page of the same title under the same parent gets its own address
    admin_client.post(add_url(parent), data)
    second = DisclosureItemPage.objects.filter(title=TITLE).exclude(pk=page.pk).get()
    assert second.slug == f"{page.slug}-2"


def test_an_editor_typed_ascii_slug_is_kept(admin_client, site_tree):
    admin_client.post(add_url(site_tree.policies), item_form_data(site_tree, title=TITLE, slug="gongche-2026"))
    assert DisclosureItemPage.objects.get(title=TITLE).slug == "gongche-2026"


def test_the_add_form_does_not_autosave(admin_client, site_tree):
    response = admin_client.get(add_url(site_tree.policies))
    assert response.status_code == 200
    assert response.context["autosave_enabled"] is False
    assert "data-w-autosave-interval-value" not in response.content.decode()
    page = site_tree.items[0]
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.context["autosave_enabled"] is True

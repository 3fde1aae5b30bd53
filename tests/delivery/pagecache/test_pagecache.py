"""The anonymous page cache over real pages: MISS then HIT, and never stale after a publish, unpublish or move."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.core import changes
from cms.disclosure.models import DisclosureItemPage
from search import engines, queue
from tests.factories import publish


@pytest.fixture
def cached(settings):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_KEY_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"  # no entry of another test or worker


pytestmark = pytest.mark.usefixtures("cached")


def test_page_is_miss_then_hit(client, site_tree):
    url = site_tree.policy.url
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    second = client.get(url)
    assert second.status_code == 200 and second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_query_string_order_shares_one_entry(client, site_tree):
    url = site_tree.home.url
    assert client.get(url + "?a=1&b=2")["X-Cache"] == "MISS"
    assert client.get(url + "?b=2&a=1")["X-Cache"] == "HIT"


def test_publish_through_revision_is_not_stale(client, site_tree):
    url = site_tree.policy.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    page = site_tree.policy
    page.body = "<p>修订后的正文：新版本。</p>"
    page.save_revision().publish()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "修订后的正文：新版本。" in response.content.decode()


def test_publish_through_admin_post_is_not_stale(client, site_tree):
    item = site_tree.items[0]
    url = item.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    admin = Client()
    assert admin.login(username="chief", password="pw")
    data = nested_form_data(
        {
            "title": "后台发布的新标题",
            "slug": item.slug,
            "index_number": item.index_number or "",
            "organ": item.organ_id,
            "document_number": "",
            "date_written": "",
            "publication_date": "2024-02-01",
            "topic": item.topic_id,
            "genre": item.genre_id,
            "keywords": "",
            "validity": "valid",
            "effective_date": "",
            "expiry_date": "",
            "summary": "",
            "body": rich_text("<p>后台改过的正文。</p>"),
            "attachments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin.post(reverse("wagtailadmin_pages:edit", args=[item.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = client.get(url)
    assert fresh["X-Cache"] == "MISS"
    assert "后台发布的新标题" in fresh.content.decode() and "后台改过的正文。" in fresh.content.decode()


def test_unpublish_is_404_at_once(client, site_tree):
    url = site_tree.policy.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    site_tree.policy.unpublish()
    assert client.get(url).status_code == 404


def test_accessible_mode_has_its_own_variant(client, site_tree):
    url = site_tree.policy.url
    plain = client.get(url)
    client.cookies["a11y"] = "1"
    accessible = client.get(url)
    assert accessible["X-Cache"] == "MISS"
    assert accessible.content != plain.content
    assert client.get(url)["X-Cache"] == "HIT"
    del client.cookies["a11y"]
    again = client.get(url)
    assert again["X-Cache"] == "HIT" and again.content == plain.content


def test_logged_in_users_never_use_the_cache(client, site_tree):
    url = site_tree.policy.url
    user = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(user)
    first = client.get(url)
    assert first.status_code == 200 and "X-Cache" not in first
    assert "X-Cache" not in client.get(url)
    client.logout()
    assert client.get(url)["X-Cache"] == "MISS"  # the logged-in visits stored nothing
    client.get(url)
    client.force_login(user)
    assert "X-Cache" not in client.get(url)  # nor are they served the anonymous copy


def test_post_is_never_cached(client, site_tree):
    url = site_tree.policy.url
    response = client.post(url, {"q": "x"})
    assert "X-Cache" not in response
    assert client.get(url)["X-Cache"] == "MISS"


def test_admin_is_never_cached(client, site_tree):
    assert "X-Cache" not in client.get("/admin/login/")


def test_listing_shows_a_newly_published_child(client, site_tree):
    url = site_tree.finance_budget.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    publish(
        site_tree.finance_budget,
        DisclosureItemPage(
            title="2025年部门预算公开",
            slug="ys2025",
            organ=site_tree.organ2,
            topic=site_tree.topics["cz"],
            genre=site_tree.genres["bg"],
            body="<p>预算。</p>",
        ),
    )
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "2025年部门预算公开" in response.content.decode()


def test_snippet_change_bumps_generation(site_tree):
    before = changes.current()
    site_tree.organ.name = "湖南省机关事务管理局（新）"
    site_tree.organ.save()
    assert changes.current() > before


def test_hit_without_a_session_is_answered_before_routing_with_the_security_headers(
    client, site_tree, django_assert_max_num_queries
):
    url = site_tree.items[0].url
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_max_num_queries(1):  # the generation only: no session, user, site or page lookups
        second = client.get(url)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Content-Language"):
        assert second.get(header) == first.get(header), header
    assert "Set-Cookie" not in second


def test_a_visitor_with_a_session_still_gets_hits_through_the_page_hook(client, site_tree, settings):
    url = site_tree.items[0].url
    assert client.get(url)["X-Cache"] == "MISS"
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-anonymous-session"
    assert client.get(url)["X-Cache"] == "HIT"
    editor = get_user_model().objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(editor)
    response = client.get(url)
    assert "X-Cache" not in response  # a signed-in user never gets nor makes a cached copy


def test_search_results_are_cached_until_the_index_changes(client, indexed_site):
    url = "/search/?q=" + "公务用车"
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    generation = changes.current()
    queue.enqueue([indexed_site.items[0].pk])  # the index changes without any publish (e.g. a catch-up run)
    queue.process(engines.embedded())
    assert changes.current() != generation
    assert client.get(url)["X-Cache"] == "MISS"


def test_a_cached_feed_still_answers_conditional_requests(client, site_tree):
    first = client.get("/feeds/rss/")
    assert first.status_code == 200 and first["X-Cache"] == "MISS" and first["ETag"]
    # Building the feed read each attachment's size, which Wagtail saves on first read: no invalidation for that.
    second = client.get("/feeds/rss/")
    assert second["X-Cache"] == "HIT" and second.content == first.content
    again = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["X-Cache"] == "HIT" and not again.content

"""The page cache, the feeds and the API's ETags all follow the one content generation (cms/core/changes.py): one
publish or a snippet save refreshes all three, an unrelated save none; their conditional GETs still answer 304."""

import uuid

import pytest
from django.test import Client

from cms.core import changes
from cms.news.models import NewsPage
from interaction.letters.models import Letter, LetterCategory
from tests.factories import publish


@pytest.fixture(autouse=True)
def cached(settings, empty_cache):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_KEY_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"  # no entry of another test or worker


def _snapshot(client, site_tree) -> dict:
    """What each reader answers now: the page cache's verdict on a page, the feed's body, an API answer's ETag."""
    page = client.get(site_tree.items[0].url)
    feed = Client().get("/feeds/rss/", HTTP_COOKIE="sessionid=x")  # a session: past the page cache, to the feed cache
    api = client.get(f"/api/v2/pages/{site_tree.policy.pk}/")
    assert page.status_code == feed.status_code == api.status_code == 200
    return {"page": page["X-Cache"], "feed": feed.content, "api": api["ETag"]}


def test_one_publish_refreshes_page_cache_feed_and_api_etag(client, site_tree):
    first = _snapshot(client, site_tree)
    again = _snapshot(client, site_tree)
    assert again["page"] == "HIT" and again["feed"] == first["feed"] and again["api"] == first["api"]
    before = changes.current()
    publish(site_tree.news_index, NewsPage(title="一次发布的动态", slug="once", body=[("paragraph", "<p>x</p>")]))
    assert changes.current() > before
    after = _snapshot(client, site_tree)
    assert after["page"] == "MISS"
    assert "一次发布的动态" in after["feed"].decode()
    assert after["api"] != first["api"]  # the policy page itself did not change: its ETag follows the generation


def test_a_snippet_save_invalidates_all_three(client, site_tree):
    first = _snapshot(client, site_tree)
    NewsPage.objects.filter(pk=site_tree.news.pk).update(title="未经信号改过的标题")  # shows only once a cache is dropped
    organ = site_tree.items[0].organ  # the page's metadata shows its organ's name
    organ.name = "某某局（更名）"
    organ.save()
    after = _snapshot(client, site_tree)
    assert after["page"] == "MISS" and "某某局（更名）" in client.get(site_tree.items[0].url).content.decode()
    assert "未经信号改过的标题" in after["feed"].decode()
    assert after["api"] != first["api"]


def test_an_unrelated_save_or_a_login_invalidates_nothing(client, site_tree, django_user_model):
    first = _snapshot(client, site_tree)
    NewsPage.objects.filter(pk=site_tree.news.pk).update(title="未经信号改过的标题")
    category = LetterCategory.objects.create(name="咨询（测试）")
    Letter.objects.create(writer_name="张三", category=category, subject="咨询", message="请问？")
    django_user_model.objects.create_user("reader", password="pw")
    assert Client().login(username="reader", password="pw")
    after = _snapshot(client, site_tree)
    assert after == {**first, "page": "HIT"}


def test_conditional_gets_answer_304_on_feeds_api_and_cached_pages(client, site_tree):
    url = site_tree.items[0].url
    page = client.get(url)
    assert page["X-Cache"] == "MISS" and page["ETag"]
    hit = client.get(url, HTTP_IF_NONE_MATCH=page["ETag"])
    assert hit.status_code == 304 and hit["X-Cache"] == "HIT" and hit["ETag"] == page["ETag"] and not hit.content
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200

    feed_client = Client(HTTP_COOKIE="sessionid=x")  # past the page cache: the feed view's own answers
    feed = feed_client.get("/feeds/atom/")
    assert feed_client.get("/feeds/atom/", HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304
    assert feed_client.get("/feeds/atom/", HTTP_IF_MODIFIED_SINCE=feed["Last-Modified"]).status_code == 304

    api_url = f"/api/v2/pages/{site_tree.policy.pk}/"
    api = client.get(api_url)
    not_modified = client.get(api_url, HTTP_IF_NONE_MATCH=api["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == api["ETag"]
    assert not_modified["Cache-Control"] == "public, max-age=60"
    assert client.get(api_url, HTTP_IF_MODIFIED_SINCE=api["Last-Modified"]).status_code == 304
    site_tree.organ.save()  # the generation moves: the old ETag no longer matches
    assert client.get(api_url, HTTP_IF_NONE_MATCH=api["ETag"]).status_code == 200

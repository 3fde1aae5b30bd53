"""Every kind of feed over HTTP, parsed with feedparser: content, dates, enclosures, paging, errors, caching."""

from __future__ import annotations

import datetime
import time

import feedparser
import pytest
from django.db.models import F
from lxml import etree
from wagtail.models import PageViewRestriction

from cms.core import changes
from cms.core.models import Generation
from cms.news.models import NewsIndexPage, NewsPage
from tests.factories import make_document, publish


def parse(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:300]
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_whole_site_feed_lists_content_newest_first(client, site_tree, fmt):
    response, feed = parse(client, f"/feeds/{fmt}/")
    assert response["Content-Type"].startswith(f"application/{fmt}+xml")
    assert feed.version == ("rss20" if fmt == "rss" else "atom10")
    titles = [e.title for e in feed.entries]
    assert site_tree.report.title in titles and site_tree.news.title in titles
    assert site_tree.conference.title in titles and site_tree.article.title in titles
    assert site_tree.catalogue.title not in titles  # listings are not entries
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.title == "省机关事务管理局"
    assert feed.feed.language == "zh-CN" if fmt == "rss" else True


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_entry_carries_metadata_and_attachment_enclosure(client, site_tree, fmt):
    _response, feed = parse(client, f"/feeds/{fmt}/section/xxgk/zcwj/")
    entry = next(e for e in feed.entries if e.title == site_tree.policy.title)
    assert entry.link == "http://testserver" + site_tree.policy.url
    assert entry.summary == "规范省直机关公务用车的配备、使用和管理。"
    assert entry.author == "湖南省机关事务管理局"
    terms = {t.term for t in entry.tags}
    assert {"机关事务", "办法", "政策文件"} <= terms
    # 发布日期 2016-03-15 in Asia/Shanghai
    published = datetime.datetime.fromisoformat(entry.published) if fmt == "atom" else None
    if published:
        assert published.utcoffset() == datetime.timedelta(hours=8)
        assert published.date() == datetime.date(2016, 3, 15)
    else:
        assert "15 Mar 2016" in entry.published and "+0800" in entry.published
    [enclosure] = [link for link in entry.links if link.rel == "enclosure"]
    document = site_tree.policy.attachments.first().document
    assert enclosure.href == "http://testserver" + document.url
    assert enclosure.type == "application/pdf"
    assert int(enclosure.length) == document.file.size > 0


def test_atom_entry_with_attachments_has_one_alternate_link_and_enclosures(client, site_tree):
    """RFC 4287: at most one rel="alternate" per type and language; an attachment is rel="enclosure"."""
    response, feed = parse(client, "/feeds/atom/section/xxgk/zcwj/")
    entry = next(e for e in feed.entries if e.title == site_tree.policy.title)
    rels = [link.rel for link in entry.links]
    assert rels.count("alternate") == 1 and rels.count("enclosure") == 1, rels
    assert entry.link == "http://testserver" + site_tree.policy.url
    assert [e.href for e in entry.enclosures] == ["http://testserver" + site_tree.policy.attachments.first().document.url]
    for entry in feed.entries:  # none of them repeats alternate, with or without attachments
        assert [link.rel for link in entry.links].count("alternate") == 1, entry.links
    links = etree.fromstring(response.content).iter("{http://www.w3.org/2005/Atom}link")
    assert all(link.get("rel") for link in links)  # every link says its rel, in the Atom namespace
    assert b"ns0:" not in response.content


def test_press_conference_video_and_body_documents_are_enclosures(client, site_tree):
    conference = site_tree.conference
    conference.video = make_document("发布会视频", b"\x00\x00\x00\x18ftypmp42" + b"0" * 100, "video.mp4")
    conference.save_revision().publish()
    news = site_tree.news
    news.body = [("paragraph", "<p>正文</p>"), ("document", {"document": make_document("通知原文"), "title": "原文"})]
    news.save_revision().publish()
    _response, feed = parse(client, "/feeds/atom/")
    by_title = {e.title: e for e in feed.entries}
    [video] = [link for link in by_title[conference.title].links if link.rel == "enclosure"]
    assert video.type == "video/mp4" and int(video.length) == 112
    [doc] = [link for link in by_title[news.title].links if link.rel == "enclosure"]
    assert doc.type == "application/pdf" and doc.title == "原文"
    assert by_title[news.title].author == "省机关事务管理局"  # the news source


@pytest.mark.parametrize(
    "path,expected,absent",
    [
        ("xxgk/", "2024年部门预算公开", "我局推进电子政务建设"),
        ("xxgk/czzj/", "2024年部门预算公开", "省直机关公务用车管理办法"),
        ("xxgk/czzj/bmys/", "2024年部门预算公开", "2023年三公经费决算说明"),
        ("news/", "我局推进电子政务建设", "2024年部门预算公开"),
        ("ztzl/", "全省节能宣传周活动启动", "我局推进电子政务建设"),
        ("ztzl/jyxjg/", "全省节能宣传周活动启动", "我局推进电子政务建设"),
        ("ztzl/jyxjg/gzbs/", "全省节能宣传周活动启动", "我局推进电子政务建设"),
        ("xwfbh/", "公务用车制度改革新闻发布会", "我局推进电子政务建设"),
        ("", "我局推进电子政务建设", "政府信息公开目录"),
    ],
)
def test_every_listing_has_a_feed_of_its_descendants(client, site_tree, path, expected, absent):
    for fmt in ("rss", "atom"):
        _response, feed = parse(client, f"/feeds/{fmt}/section/{path}")
        titles = [e.title for e in feed.entries]
        assert expected in titles and absent not in titles


def test_catalogue_filters_narrow_the_feed_and_name_it(client, site_tree):
    _response, feed = parse(client, "/feeds/rss/section/xxgk/", {"topic": "cz", "year": "2024"})
    assert [e.title for e in feed.entries] == ["2024年部门预算公开"]
    assert "财政" in feed.feed.title and "2024" in feed.feed.title
    _response, feed = parse(client, "/feeds/atom/section/xxgk/", {"validity": "expired"})
    assert [e.title for e in feed.entries] == ["省直机关办公用房管理暂行规定"]
    _response, feed = parse(client, "/feeds/atom/section/xxgk/", {"organ": site_tree.organ2.pk})
    assert [e.title for e in feed.entries] == ["2024年部门预算公开"]
    # a filter that matches nothing is an empty feed, not an error
    _response, feed = parse(client, "/feeds/atom/section/xxgk/", {"topic": "gyzc", "year": "2024"})
    assert feed.entries == []


def test_follow_a_word_in_a_category(client, indexed_site):
    _response, feed = parse(client, "/feeds/rss/section/xxgk/zcwj/", {"q": "公务用车"})
    assert [e.title for e in feed.entries] == ["省直机关公务用车管理办法"]
    assert "“公务用车”" in feed.feed.title and "政策文件" in feed.feed.title


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_search_feed(client, indexed_site, fmt):
    _response, feed = parse(client, f"/feeds/{fmt}/search/", {"q": "公务用车", "section": "xxgk"})
    titles = [e.title for e in feed.entries]
    assert "省直机关公务用车管理办法" in titles and "我局推进电子政务建设" not in titles
    assert "公务用车" in feed.feed.title
    _response, feed = parse(client, f"/feeds/{fmt}/search/", {"q": "公务用车", "type": "policy.policypage"})
    assert [e.title for e in feed.entries] == ["省直机关公务用车管理办法"]
    _response, feed = parse(client, f"/feeds/{fmt}/search/", {"q": "没有这样的词语"})
    assert feed.entries == []


@pytest.mark.parametrize(
    "label,title",
    [
        ("policy.policypage", "省直机关公务用车管理办法"),
        ("policy.interpretationpage", "《省直机关公务用车管理办法》解读"),
        ("disclosure.annualreportpage", "2023年政府信息公开工作年度报告"),
        ("disclosure.disclosureitempage", "2024年部门预算公开"),
        ("news.newspage", "我局推进电子政务建设"),
        ("columns.columnarticlepage", "全省节能宣传周活动启动"),
        ("press.pressconferencepage", "公务用车制度改革新闻发布会"),
        ("columns.specialcolumnpage", "节约型机关建设"),
    ],
)
def test_one_feed_per_page_type(client, site_tree, label, title):
    _response, feed = parse(client, f"/feeds/atom/type/{label}/")
    titles = [e.title for e in feed.entries]
    assert title in titles
    assert len({e.link for e in feed.entries}) == len(titles)
    if label == "disclosure.disclosureitempage":
        assert "省直机关公务用车管理办法" not in titles  # exactly that type, not its subclasses


@pytest.mark.parametrize(
    "url,params,status",
    [
        ("/feeds/rss/section/nowhere/", {}, 404),
        ("/feeds/rss/section/xxgk/zcwj/gwyc/", {}, 404),  # a content page has no feed
        ("/feeds/rss/type/wagtailcore.page/", {}, 404),
        ("/feeds/rss/section/xxgk/", {"topic": "nope"}, 400),
        ("/feeds/rss/section/xxgk/", {"year": "1;DROP"}, 400),
        ("/feeds/rss/section/xxgk/", {"page": "abc"}, 400),
        ("/feeds/rss/section/xxgk/", {"page": "99"}, 404),
        ("/feeds/rss/section/news/", {"year": "later"}, 400),
        ("/feeds/rss/search/", {}, 400),
        ("/feeds/rss/search/", {"q": "公务用车", "sort": "x"}, 400),
        ("/feeds/rss/search/", {"q": "公务用车", "bogus": "1"}, 400),
    ],
)
def test_bad_requests_get_short_reasons(client, indexed_site, url, params, status):
    response = client.get(url, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.strip()


def test_unknown_format_is_not_found(client, site_tree):
    assert client.get("/feeds/xml/").status_code == 404


def test_empty_section_and_private_pages_answer_404(client, site_tree):
    publish(site_tree.home, NewsIndexPage(title="通知公告", slug="tzgg"))
    assert client.get("/feeds/rss/section/tzgg/").status_code == 404
    PageViewRestriction.objects.create(page=site_tree.news_index, restriction_type="password", password="x")
    assert client.get("/feeds/rss/section/news/").status_code == 404
    _response, feed = parse(client, "/feeds/rss/")
    assert site_tree.news.title not in [e.title for e in feed.entries]


def test_paging_links_follow_rfc5005(client, site_tree):
    for n in range(25):
        publish(
            site_tree.news_index,
            NewsPage(title=f"动态{n:02d}", slug=f"d{n}", date=datetime.date(2025, 1, 1 + n), body=[("paragraph", "<p>x</p>")]),
        )
    _response, first = parse(client, "/feeds/atom/section/news/")
    assert len(first.entries) == 20
    rels = {link.rel: link.href for link in first.feed.links}
    assert rels["next"] == "http://testserver/feeds/atom/section/news/?page=2"
    assert rels["last"] == rels["next"] and "previous" not in rels
    assert rels["self"] == "http://testserver/feeds/atom/section/news/"
    _response, second = parse(client, "/feeds/rss/section/news/", {"page": 2})
    assert len(second.entries) == 6
    body = client.get("/feeds/rss/section/news/", {"page": 2}).content.decode()
    assert 'rel="previous"' in body and 'rel="first"' in body and 'rel="next"' not in body
    assert not {e.title for e in first.entries} & {e.title for e in second.entries}


def test_conditional_get_and_refresh_on_publish(client, site_tree):
    response = client.get("/feeds/rss/")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH='"other"').status_code == 200

    # the cache answers until something is published, then the feed changes at once
    NewsPage.objects.filter(pk=site_tree.news.pk).update(title="改过但未发布")
    assert client.get("/feeds/rss/").content == response.content
    publish(site_tree.news_index, NewsPage(title="新发布的动态", slug="new", body=[("paragraph", "<p>x</p>")]))
    fresh = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert "新发布的动态" in fresh.content.decode()
    site_tree.policy.unpublish()
    assert f"<title>{site_tree.policy.title}</title>" not in client.get("/feeds/rss/").content.decode()


def test_hostile_titles_are_escaped(client, site_tree):
    publish(site_tree.news_index, NewsPage(title="<script>alert(1)</script>动态", slug="x", body=[("paragraph", "<p>x</p>")]))
    body = client.get("/feeds/rss/").content.decode()
    assert "<script>" not in body and "&lt;script&gt;" in body
    _response, feed = parse(client, "/feeds/atom/")
    assert "<script>alert(1)</script>动态" in [e.title for e in feed.entries]


@pytest.mark.parametrize(
    "attr,feed_path",
    [
        ("catalogue", "xxgk/"),
        ("policies", "xxgk/zcwj/"),
        ("finance_budget", "xxgk/czzj/bmys/"),
        ("news_index", "news/"),
        ("column_index", "ztzl/"),
        ("column", "ztzl/jyxjg/"),
        ("section", "ztzl/jyxjg/gzbs/"),
        ("press_index", "xwfbh/"),
    ],
)
def test_listing_pages_announce_and_link_their_feeds(client, site_tree, attr, feed_path):
    html = client.get(getattr(site_tree, attr).url, {"topic": "cz"} if attr == "catalogue" else {}).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" href="/feeds/rss/"' in html
    query = "?topic=cz" if attr == "catalogue" else ""
    for fmt in ("rss", "atom"):
        assert f'<link rel="alternate" type="application/{fmt}+xml" href="/feeds/{fmt}/section/{feed_path}{query}"' in html
    assert 'class="feed-subscribe"' in html and "订阅" in html
    assert f'href="/feeds/rss/section/{feed_path}{query}"' in html
    # the announced feed exists and parses
    _response, feed = parse(client, f"/feeds/rss/section/{feed_path}{query}")
    assert feed.entries


def test_content_pages_announce_only_the_site_feed(client, site_tree):
    html = client.get(site_tree.policy.url).content.decode()
    assert 'href="/feeds/atom/"' in html and "/feeds/rss/section/" not in html
    assert 'class="feed-subscribe"' not in html


def test_search_page_announces_its_feed(client, indexed_site):
    html = client.get("/search/", {"q": "公务用车", "section": "xxgk"}).content.decode()
    q = "%E5%85%AC%E5%8A%A1%E7%94%A8%E8%BD%A6"
    assert f'type="application/atom+xml" href="/feeds/atom/search/?q={q}&amp;section=xxgk"' in html
    assert 'class="feed-subscribe"' in html
    _response, feed = parse(client, "/feeds/atom/search/?q=%E5%85%AC%E5%8A%A1%E7%94%A8%E8%BD%A6&section=xxgk")
    assert feed.entries


def test_a_change_made_elsewhere_refreshes_the_feed_through_the_shared_generation(client, site_tree):
    """Another process's change moves the generation in the database, which every process reads for its feed keys."""
    assert changes.current()  # the tree's publishes made the generation's row
    client.get("/feeds/rss/")
    NewsPage.objects.filter(pk=site_tree.news.pk).update(title="另一进程改过的标题")  # no signal in this process
    assert "另一进程改过的标题" not in client.get("/feeds/rss/").content.decode()  # the cached copy
    Generation.objects.filter(pk=1).update(value=F("value") + 7)  # that process's bump, as its SQL reaches the table
    assert "另一进程改过的标题" in client.get("/feeds/rss/").content.decode()
    unpublished = client.get("/feeds/rss/")
    time.sleep(1.1)  # HTTP dates have whole seconds: the unpublish happens in a later one
    site_tree.news.unpublish()
    after = client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=unpublished["Last-Modified"])
    assert after.status_code == 200 and f"<title>{site_tree.news.title}</title>" not in after.content.decode()

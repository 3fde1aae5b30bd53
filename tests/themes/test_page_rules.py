"""The page rules of the 《政府网站发展指引》 over real HTTP: the meta tags on every page type (and on views that are not
pages), the article tags on articles only, the footer (主办单位, 网站标识码, ICP number linked to the MIIT filing site,
公安机关备案号 with its link, 党政机关网站标识, 联系我们, 网站地图), the favicon, titles that do not repeat the site name,
and the HTML site map."""

import html
import re

import pytest
from django.apps import apps
from wagtail.models import Page, Site

from cms.core.models import SiteIdentity
from cms.core.page_rules import is_article
from interaction.disclosure_requests.models import DisclosureRequestPage
from interaction.letters.models import MailboxPage
from tests.factories import make_image, publish

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource")


def meta_tags(text: str) -> dict[str, str]:
    return {name: html.unescape(content) for name, content in re.findall(r'<meta name="(\w+)" content="([^"]*)">', text)}


def title_of(text: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1))


@pytest.fixture
def tree(themed_site):
    tree = themed_site
    publish(tree.home, MailboxPage(title="局长信箱", slug="xinxiang"))
    publish(tree.home, DisclosureRequestPage(title="依申请公开", slug="ysqgk"))
    return tree


def one_page_of_each_type(tree) -> list[Page]:
    pages = {}
    for page in Page.objects.live().descendant_of(tree.home, inclusive=True).order_by("path").specific():
        pages.setdefault(type(page), page)
    return list(pages.values())


def test_every_page_type_carries_the_site_and_column_tags_and_articles_theirs(client, tree):
    pages = one_page_of_each_type(tree)
    types = {type(p).__name__ for p in pages}
    assert {"HomePage", "CategoryPage", "PolicyPage", "NewsPage", "PressConferencePage", "AnnualReportPage"} <= types
    assert {"MailboxPage", "DisclosureRequestPage", "StandardPage", "ColumnArticlePage"} <= types
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = response.content.decode()
        tags = meta_tags(text)
        for name in SITE_TAGS:
            assert tags.get(name), (page.url, name, tags)
        assert tags["SiteName"] == "省机关事务管理局" and tags["SiteIDCode"] == "4300000059"
        assert tags["SiteDomain"] == "localhost"
        if is_article(page):
            assert tags["ArticleTitle"] == page.title, page.url
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", tags["PubDate"]), tags["PubDate"]
            assert tags["PubDate"].startswith(page.display_date.strftime("%Y-%m-%d"))
            assert tags["ContentSource"], page.url
            assert tags["ColumnName"] == page.get_parent().title
        else:
            assert not set(ARTICLE_TAGS) & set(tags), (page.url, tags)
            assert tags["ColumnName"] == page.title
        assert title_of(text).count("省机关事务管理局") == 1, (page.url, title_of(text))


def test_column_tags_of_a_policy_and_its_source(client, tree):
    tags = meta_tags(client.get(tree.policy.url).content.decode())
    assert tags["ColumnName"] == "政策文件" and tags["ColumnType"] == "信息公开"
    assert tags["ColumnKeywords"] == "政府信息公开目录,政策文件"
    assert tags["ContentSource"] == tree.policy.organ.name
    news = meta_tags(client.get(tree.news.url).content.decode())
    assert news["ColumnType"] == "信息发布" and news["ContentSource"] == (tree.news.source or "湖南省机关事务管理局")
    home = meta_tags(client.get(tree.home.url).content.decode())
    assert home["ColumnName"] == tree.home.title and home["ColumnType"] == "首页"


def test_views_that_are_not_pages_carry_the_tags_too(client, tree):
    for url, column in (("/search/?q=公务用车", "搜索结果"), ("/sitemap/", "网站地图"), ("/zhaocuo/", "找错")):
        response = client.get(url)
        assert response.status_code == 200, url
        tags = meta_tags(response.content.decode())
        assert all(tags.get(name) for name in SITE_TAGS), (url, tags)
        assert column in tags["ColumnName"], (url, tags["ColumnName"])


def test_footer_identity_links_and_mark(client, tree):
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.contact_page = tree.about
    identity.party_mark = make_image("党政机关网站标识", size=(110, 55))
    identity.party_mark_link = "https://bszs.conac.cn/sitename?method=show&id=1234"
    identity.save()
    for page in one_page_of_each_type(tree):
        text = client.get(page.url).content.decode()
        footer = text[text.index("<footer") :]
        assert "湖南省机关事务管理局" in footer and "4300000059" in footer
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">湘ICP备05001234号</a>' in footer
        assert (
            '<a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=43010202000123" rel="noopener">'
            "湘公网安备 43010202000123号</a>"
        ) in footer
        assert f'<a href="{tree.about.url}">联系我们</a>' in footer
        assert '<a href="/sitemap/">网站地图</a>' in footer
        assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1234"' in footer
        assert re.search(r'<img alt="党政机关网站标识" [^>]*src="[^"]+"', footer), page.url
        assert re.search(r'<link rel="icon" href="/static/themes/favicon\.ico"', text)
    identity.police_link = "https://example.gov.cn/beian"
    identity.party_mark = None
    identity.save()
    footer = client.get(tree.home.url).content.decode()
    assert '<a href="https://example.gov.cn/beian" rel="noopener">' in footer and "bszs.conac.cn" not in footer


def test_favicon_and_site_map(client, tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("themes/favicon.ico")
    text = client.get("/sitemap/").content.decode()
    for page in (tree.catalogue, tree.finance, tree.news_index, tree.column_index, tree.press_index, tree.about):
        assert f'href="{page.url}"' in text, page.url
    for page in (tree.policy, tree.news, tree.conference):  # articles are reached through their columns
        assert f'href="{page.url}"' not in text
    assert title_of(text) == "网站地图 - 省机关事务管理局"
    assert client.get("/sitemap.xml").status_code == 200


def test_article_types_are_the_dated_ones():
    dated = {m.__name__ for m in apps.get_models() if issubclass(m, Page) and is_article(m)}
    assert {"DisclosureItemPage", "PolicyPage", "NewsPage", "ColumnArticlePage", "PressConferencePage"} <= dated
    assert "CategoryPage" not in dated and "HomePage" not in dated

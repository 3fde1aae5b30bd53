"""The public theme over real HTTP: landmarks, skip link, search box, footer, the accessible mode switch,
robots.txt, the sitemap, and the 404 and 500 pages."""

import re

import pytest
from django.template import loader
from django.test import Client
from django.utils.html import escape

from themes.context_processors import ACCESSIBLE_COOKIE


@pytest.fixture
def tree(themed_site):
    return themed_site


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def pages(tree):
    return [
        tree.home,
        tree.catalogue,
        tree.finance,
        tree.items[0],
        tree.policy,
        tree.interpretation,
        tree.report,
        tree.guide,
        tree.news_index,
        tree.news,
        tree.column,
        tree.article,
        tree.conference,
        tree.about,
    ]


def test_every_page_has_landmarks_skip_link_search_and_footer(client, tree):
    for page in pages(tree):
        html = html_of(client, page.url)
        assert '<html lang="zh-Hans">' in html, page.url
        assert re.search(r'<a class="skip-link" href="#main">', html), page.url
        assert '<main id="main"' in html
        assert "<header" in html and "<footer" in html and "<nav" in html
        assert re.search(r'<form[^>]+role="search"[^>]+action="/search/"', html), page.url
        assert 'name="q"' in html
        for value in (
            "湖南省机关事务管理局",
            "4300000059",
            "湘ICP备05001234号",
            "湘公网安备 43010202000123号",
            "长沙市开福区三一大道",
            "0731-82212345",
        ):
            assert value in html, (page.url, value)


def test_menu_lists_top_level_pages_and_marks_the_current_section(client, tree):
    html = html_of(client, tree.items[0].url)
    menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    for page in (tree.catalogue, tree.news_index, tree.column_index, tree.press_index, tree.about):
        assert f'href="{page.url}"' in menu
    assert re.search(rf'href="{tree.catalogue.url}"[^>]*class="active"', menu)


def test_breadcrumbs_and_section_nav(client, tree):
    html = html_of(client, tree.items[0].url)
    crumbs = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    for page in (tree.catalogue, tree.finance, tree.finance_budget):
        assert f'href="{page.url}"' in crumbs
    assert 'aria-current="page"' in crumbs
    section = html.split('class="section-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{tree.policies.url}"' in section and f'href="{tree.finance_budget.url}"' in section
    assert tree.items[0].url not in section  # items are listed by the listings, not the menu


def test_item_metadata_table_comes_before_the_body(client, tree):
    policy = tree.policy
    html = html_of(client, policy.url)
    table = html.index('<table class="metadata"')
    assert table < html.index("为加强省直机关公务用车管理")
    assert '<th scope="row">' in html
    for value in (
        policy.index_number,
        policy.document_number,
        "2016年3月15日",
        "2016年3月1日",
        "机关事务",
        "办法",
        "公务用车",
        tree.policies.title,
    ):
        assert escape(value) in html[table:], value
    assert policy.attachments.first().document.url in html
    assert tree.interpretation.url in html


def test_catalogue_listing_has_filters_count_and_pagination_keeps_filters(client, tree):
    html = html_of(client, tree.catalogue.url)
    assert 'class="filter-form"' in html and 'method="get"' in html
    for name in ("category", "organ", "topic", "genre", "year", "validity"):
        assert f'name="{name}"' in html
    assert tree.items[0].index_number in html
    html = html_of(client, tree.catalogue.url + "?year=abc")
    assert 'class="form-errors"' in html and 'role="alert"' in html


def test_accessible_mode_cookie_renders_the_class(client, tree):
    html = html_of(client, tree.home.url)
    assert '<html lang="zh-Hans">' in html and 'aria-pressed="false"' in html
    client.cookies[ACCESSIBLE_COOKIE] = "1"
    html = html_of(client, tree.home.url)
    assert '<html lang="zh-Hans" class="a11y">' in html
    assert 'aria-pressed="true"' in html
    assert 'name="mode" value="off"' in html


def test_accessibility_switch_without_javascript(tree):
    client = Client(enforce_csrf_checks=True)
    html = html_of(client, tree.policy.url)
    assert "csrfmiddlewaretoken" not in html  # no token: the page can be cached whole (pagecache/)
    response = client.post("/accessibility/", {"mode": "on", "next": tree.policy.url})
    assert response.status_code == 302 and response["Location"] == tree.policy.url
    cookie = response.cookies[ACCESSIBLE_COOKIE]
    assert cookie.value == "1" and cookie["max-age"] == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert 'class="a11y"' in html_of(client, tree.policy.url)

    response = client.post("/accessibility/", {"mode": "off", "next": "/"})
    assert response.cookies[ACCESSIBLE_COOKIE].value == "0"
    assert 'class="a11y"' not in html_of(client, tree.policy.url)


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)", ""])
def test_accessibility_switch_only_redirects_to_this_site(client, tree, target):
    response = client.post("/accessibility/", {"mode": "on", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_accessibility_switch_needs_post(client, tree):
    assert client.get("/accessibility/").status_code == 405


def test_robots_txt(client, tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_pages_only(client, tree):
    tree.items[1].unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for page in (tree.home, tree.catalogue, tree.policy, tree.items[0], tree.conference, tree.news):
        assert f"{page.url}</loc>" in body, page.url
    assert f"{tree.items[1].url}</loc>" not in body


def test_unknown_url_gets_the_themed_404(client, tree):
    html = html_of(client, "/no-such-page/", status=404)
    assert 'class="skip-link"' in html and "error-page" in html
    assert 'role="search"' in html
    assert "湘ICP备05001234号" in html


def test_500_template_renders_without_context():
    html = loader.get_template("500.html").render()
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hans">' in html
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert 'href="/"' in html


def test_500_handler_responds_without_the_database(rf, monkeypatch):
    from themes import views

    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<!DOCTYPE html>" in response.content.decode()

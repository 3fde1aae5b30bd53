"""The search page in headless Chromium as a visitor uses it: a typo corrected, tabs per kind, a result opened
(counted by the link's ping, for the analytics). Screenshots go to test-artifacts/screenshots/."""

import os
import pathlib

import pytest

from search import vocabulary
from search.models import QueryStat
from tests.browser import chromium
from tests.themes.conftest import dress_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    tree = dress_site()  # indexed as it is published (the queue runs after each commit)
    vocabulary.forget()
    yield tree
    vocabulary.forget()


@pytest.fixture
def browser(site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        yield browser


def test_a_typo_is_corrected_results_are_grouped_and_an_opened_result_is_counted(browser, site, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=" + "公物用车")
        correction = page.locator(".search-correction")
        assert "公务用车" in correction.inner_text()
        tabs = page.locator(".search-kinds a")
        labels = tabs.all_inner_texts()
        assert labels[0].startswith("全部") and any(t.startswith("政策文件") for t in labels)
        page.screenshot(path=SHOTS / "search-corrected.png", full_page=True)

        page.locator(".search-kinds").get_by_role("link", name="政策解读").click()
        page.wait_for_load_state()
        assert page.locator(".search-kinds [aria-current=page]").inner_text().startswith("政策解读")
        shown = set(page.locator(".search-hit h3").all_inner_texts())
        assert shown == {
            "《省直机关公务用车管理办法》解读",
            "公务用车制度改革新闻发布会",
        }  # interpretations and press conferences

        page.locator(".search-correction").get_by_role("link").click()  # search instead for the words as typed
        page.wait_for_load_state()
        assert page.locator(".search-correction").count() == 0

        page.goto(live_server.url + "/search/?q=" + "公务用车")
        with page.expect_request(lambda r: "/search/opened/" in r.url) as ping:
            page.locator(".search-hit h3 a").first.click()
        assert ping.value.method == "POST"
        page.wait_for_load_state()
        for _ in range(50):
            if QueryStat.objects.filter(query="公务用车", clicks=1).exists():
                break
            page.wait_for_timeout(100)
        stat = QueryStat.objects.get(query="公务用车")
        assert (stat.searches, stat.clicks) == (1, 1)
    finally:
        context.close()

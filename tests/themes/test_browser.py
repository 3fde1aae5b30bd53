"""End-to-end check of the public theme in headless Chromium: browsing to an item, the accessible mode, a phone.

Screenshots go to test-artifacts/screenshots/ for a person to look at.
"""

import os
import pathlib

import pytest

from tests.browser import chromium
from tests.themes.conftest import dress_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    """The site, in a database the live server's thread can see; the flush afterwards must not lose the
    page tree's root and default locale that migrations made, hence the serialized rollback."""
    return dress_site()


@pytest.fixture
def browser(site):
    """Chromium, started after the database is set up and closed before it is flushed and restored:
    while Playwright's event loop runs, Django hands this thread a fresh connection object that does not
    hold the serialized contents the restore needs."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        yield browser


def font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def test_browse_to_an_item_and_use_the_accessible_mode(browser, site, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    item = site.items[0]
    try:
        page.goto(live_server.url + "/")
        page.screenshot(path=SHOTS / "home.png", full_page=True)

        page.locator(".main-nav").get_by_role("link", name=site.catalogue.title, exact=True).click()
        page.wait_for_url(f"**{site.catalogue.url}")
        assert page.locator("h1").inner_text() == site.catalogue.title
        page.screenshot(path=SHOTS / "catalogue.png", full_page=True)

        page.locator(".category-tiles").get_by_role("link", name=site.finance.title, exact=True).click()
        page.wait_for_url(f"**{site.finance.url}")
        page.locator(".item-list").get_by_role("link", name=item.title).click()
        page.wait_for_url(f"**{item.url}")
        metadata = page.locator("table.metadata")
        assert item.index_number in metadata.inner_text()
        assert metadata.locator("th[scope=row]").count() >= 10
        page.screenshot(path=SHOTS / "item.png", full_page=True)

        # The accessible mode, by keyboard: the skip link comes first, then the switch.
        before = font_size(page)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "a11y-toggle"
        page.keyboard.press("Enter")
        assert page.evaluate("document.documentElement.classList.contains('a11y')")
        assert page.locator(".a11y-toggle").get_attribute("aria-pressed") == "true"
        assert font_size(page) >= before * 1.25
        cookie = {c["name"]: c["value"] for c in context.cookies()}
        assert cookie.get("a11y") == "1"
        page.screenshot(path=SHOTS / "item-a11y.png", full_page=True)

        page.reload()
        assert page.evaluate("document.documentElement.classList.contains('a11y')")
        assert page.locator(".a11y-toggle").get_attribute("aria-pressed") == "true"
        assert font_size(page) >= before * 1.25

        page.goto(live_server.url + site.conference.url)
        page.screenshot(path=SHOTS / "conference-a11y.png", full_page=True)
        page.locator(".a11y-toggle").click()
        assert not page.evaluate("document.documentElement.classList.contains('a11y')")
        assert font_size(page) == before
        page.screenshot(path=SHOTS / "conference.png", full_page=True)
    finally:
        context.close()


def test_phone_has_no_horizontal_scrolling(browser, site, live_server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    try:
        for name, target in [
            ("item", site.items[0]),
            ("policy", site.policy),
            ("catalogue", site.catalogue),
            ("home", site.home),
            ("conference", site.conference),
        ]:
            page.goto(live_server.url + target.url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{name} is {width}px wide on a 360px phone"
            page.screenshot(path=SHOTS / f"phone-{name}.png", full_page=True)
    finally:
        context.close()


def test_search_suggestions_by_keyboard(browser, site, live_server):
    """Type in the header's search box, pick a suggested title with the arrow keys and Enter, land on that page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        box = page.locator("#site-search-q")
        assert box.get_attribute("role") == "combobox"
        box.press_sequentially("公务用车", delay=30)
        options = page.locator("#site-search-q-suggestions [role=option]")
        options.first.wait_for(state="visible", timeout=5000)
        # On a busy machine a keystroke can come after the 150 ms pause, so the list may first show the suggestions
        # for 公 or 公务; the script replaces them once the whole word's answer arrives: wait for that list.
        page.wait_for_function(
            """() => {
                const shown = [...document.querySelectorAll("#site-search-q-suggestions [role=option]")];
                return shown.length > 0 && shown.every((li) => li.textContent.includes("公务用车"));
            }""",
            timeout=5000,
        )
        assert box.get_attribute("aria-expanded") == "true"
        titles = options.all_inner_texts()
        assert titles and all("公务用车" in t for t in titles)
        page.screenshot(path=SHOTS / "search-suggestions.png")
        box.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == "site-search-q-suggestions-0"
        assert options.first.get_attribute("aria-selected") == "true"
        box.press("Enter")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == titles[0]
        page.goto(live_server.url + "/")
        page.locator("#site-search-q").press_sequentially("公务用车", delay=30)
        page.locator("#site-search-q-suggestions [role=option]").first.wait_for(state="visible", timeout=5000)
        page.locator("#site-search-q").press("Escape")
        assert page.locator("#site-search-q").get_attribute("aria-expanded") == "false"
    finally:
        context.close()

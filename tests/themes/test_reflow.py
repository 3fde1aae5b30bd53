"""Reflow (WCAG 1.4.10) in headless Chromium: no page type or public form is wider than a 320 px screen, nor than
375 px in the accessible mode (larger type); on a phone the page title is on the first screen whatever the size of
the section menu; and axe-core finds no serious or critical violation on the same pages."""

import os

import pytest
from wagtail.models import Page

from interaction.disclosure_requests.models import DisclosureRequestPage
from interaction.letters.models import MailboxPage
from interaction.stats.models import InteractionStatisticsPage
from tests.browser import chromium
from tests.checkers import axe_source
from tests.factories import publish
from tests.themes.conftest import dress_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server, settings, tmp_path):
    settings.LETTERS_CAPTCHA = "always"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    tree = dress_site()
    publish(tree.home, MailboxPage(title="局长信箱", slug="jzxx", summary="写信给局长。"))
    publish(tree.home, DisclosureRequestPage(title="依申请公开", slug="ysqgk", summary="如何申请公开政府信息"))
    publish(tree.home, InteractionStatisticsPage(title="互动统计", slug="hdtj", summary="来信和申请的办理统计"))
    # a long section menu, as a real catalogue has (15 entries)
    for n in range(12):
        publish(tree.catalogue, type(tree.policies)(title=f"分类栏目{n + 1}", slug=f"extra-{n}", show_in_menus=True))
    return tree


@pytest.fixture
def paths(site):
    found: dict[str, str] = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("content_type").order_by("path"):
        if page.url:  # Wagtail's own welcome page lies outside the site
            found.setdefault(page.content_type.model, page.url)
    found.update({"mailbox-write": "/jzxx/write/", "search": "/search/?q=公务用车"})
    return found


def test_nothing_is_wider_than_the_screen(site, paths, live_server):
    too_wide = []
    with chromium() as browser:
        for accessible, width in ((False, 320), (True, 375)):
            context = browser.new_context(viewport={"width": width, "height": 640})
            if accessible:
                context.add_cookies([{"name": "a11y", "value": "1", "url": live_server.url + "/"}])
            page = context.new_page()
            for name, path in paths.items():
                page.goto(live_server.url + path)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    too_wide.append(f"{name} {'长者模式 ' if accessible else ''}{scroll_width}px > {width}px")
            context.close()
    assert not too_wide, too_wide


def test_on_a_phone_the_title_is_on_the_first_screen(site, live_server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 640})
        page.goto(live_server.url + site.items[0].url)
        assert page.locator(".section-nav li").count() >= 13
        top = page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
        assert top < 640 - 40, f"the title starts at {top}px"
        # every menu entry is still reachable by keyboard
        assert page.locator(".section-nav a[href]").count() >= 13


def test_axe_finds_no_serious_violation(site, paths, live_server):
    axe = axe_source()
    found = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for name, path in paths.items():
            page.goto(live_server.url + path)
            page.evaluate(axe)
            violations = page.evaluate(
                "axe.run(document, {resultTypes: ['violations']})"
                ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id))"
            )
            found += [f"{name}: {v}" for v in violations]
    assert not found, found

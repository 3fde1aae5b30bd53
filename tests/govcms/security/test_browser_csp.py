"""In headless Chromium: no Content Security Policy violation on the public site or in Wagtail's admin,
and a script injected into stored content never runs."""

import os

import pytest
from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText

from tests.browser import chromium
from tests.factories import build_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    tree = build_site()
    get_user_model().objects.create_superuser("csp-admin", "csp@example.gov.cn", "pw-csp-admin-123")
    # a raw-HTML-looking body written straight to the database row, as a careless import might
    about = tree.about
    about.body = [("paragraph", RichText('<p>机构职能</p><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'))]
    about.save_revision().publish()
    return tree


@pytest.fixture
def browser(site):
    with chromium() as browser:
        yield browser


def test_no_csp_violations_and_no_injected_script_runs(browser, site, live_server):
    page = browser.new_page()
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    for path in ["/", site.policy.url, site.news.url, site.conference.url, "/search/?q=公务用车"]:
        page.goto(live_server.url + path)
    page.goto(live_server.url + site.about.url)
    assert "机构职能" in page.content()
    assert page.evaluate("window.__xss === undefined")
    # the admin, under its own policy: log in and open the editor
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", "pw-csp-admin-123")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + f"/admin/pages/{site.news.pk}/edit/")
    page.wait_for_selector("[data-draftail-input], .Draftail-Editor", timeout=15000)
    page.goto(live_server.url + "/admin/images/")
    assert not violations, violations
    page.close()

"""In headless Chromium: the page editor showing a refusal by the pre-publication checks marks the field at fault as
Wagtail marks its own errors (red, the message under the label, aria-invalid, described by the message), and the
refusal's line is a link that takes the editor to that field."""

import os

import pytest
from django.contrib.auth import get_user_model

from cms.editorial import refusals
from cms.editorial.checks import check_page
from cms.editorial.models import SensitiveWord
from tests.browser import chromium
from tests.factories import build_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

WORD = "征求意见稿"


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    tree = build_site()
    user = get_user_model().objects.create_superuser("refusal-admin", "r@example.gov.cn", "pw-refusal-123")
    SensitiveWord.objects.create(word=WORD)
    draft = tree.policy.get_latest_revision_as_object()
    draft.summary = f"本办法为{WORD}。"
    draft.save_revision(user=user)
    entry = refusals.record(tree.policy, user, "publish", check_page(draft))
    return tree, refusals.editor_url(tree.policy, entry)


@pytest.fixture
def browser(site):
    with chromium() as browser:
        yield browser


def test_the_field_at_fault_is_marked_and_reachable(browser, site, live_server):
    tree, editor_url = site
    page = browser.new_page(locale="zh-CN")
    try:
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "refusal-admin")
        page.fill("input[name=password]", "pw-refusal-123")
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        page.goto(live_server.url + editor_url)
        line = page.locator('.messages [data-editorial-field="summary"] a')
        line.wait_for(timeout=15000)
        assert WORD in line.inner_text()

        summary = page.locator("#id_summary")
        assert summary.get_attribute("aria-invalid") == "true"
        field = page.locator("[data-field]", has=summary)
        assert "w-field--error" in field.get_attribute("class")
        error = field.locator("[data-field-errors] .error-message")
        assert WORD in error.inner_text()
        assert error.locator("xpath=..").get_attribute("id") in summary.get_attribute("aria-describedby").split()

        # following the line focuses the field (opening its tab first when it is on a hidden one)
        line.click()
        page.wait_for_function("document.activeElement && document.activeElement.id === 'id_summary'", timeout=5000)
        assert summary.is_visible()
    finally:
        page.close()

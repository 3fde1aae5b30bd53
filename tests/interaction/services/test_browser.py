"""In headless Chromium on a phone-sized screen: a unit's contact person signs in, applies for an office-space
repair with its files, sees the case; the bureau accepts it; the case page shows the new state and history."""

from __future__ import annotations

import os
import pathlib

import pytest
from django.contrib.auth import get_user_model

from interaction.services import workflow
from interaction.services.models import Application
from tests.browser import chromium
from tests.factories import build_site

from .conftest import PASSWORD, build_catalogue, make_member

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

SHOTS = pathlib.Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    catalogue = build_catalogue(build_site())
    return catalogue, make_member("czt", "省财政厅办公室")


@pytest.fixture
def browser(site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        yield browser


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_apply_on_a_phone_and_follow_the_case(browser, site, live_server, tmp_path):
    catalogue, member = site
    guide = catalogue["repair"]
    plan, budget = tmp_path / "维修方案.pdf", tmp_path / "预算.pdf"
    for f in (plan, budget):
        f.write_bytes(b"%PDF-1.4\n% test\n1 0 obj<<>>endobj\n")
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + guide.url)
        assert no_sideways_scrolling(page)
        page.get_by_role("link", name="在线申请").first.click()  # not signed in yet: to the units' sign-in, and back
        page.wait_for_url("**/units/login/**")
        page.fill("#id_username", member.username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"**/services/apply/{guide.pk}/")
        page.fill("#id_title", "财政厅办公楼屋面防水维修")
        page.fill("#id_building", "财政厅1号办公楼")
        page.fill("#id_rooms", "屋面")
        page.fill("#id_area", "850")
        page.select_option("#id_work_kind", "roof")
        page.fill("#id_estimated_cost", "36.5")
        page.select_option("#id_funding", "budget")
        page.fill("#id_start_date", "2027-03-01")
        page.fill("#id_end_date", "2027-05-30")
        page.fill("#id_reason", "屋面防水层老化，雨季渗漏严重。")
        page.set_input_files("#id_plan", str(plan))
        page.set_input_files("#id_budget", str(budget))
        assert no_sideways_scrolling(page)
        page.screenshot(path=SHOTS / "services-apply-phone.png", full_page=True)
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_url("**/services/cases/*/?submitted=1")
        assert "已提交，待受理" in page.locator("#case-status").inner_text()

        app = Application.objects.get()
        assert app.attachments.count() == 2
        staff = get_user_model().objects.create_user("handler", "h@example.gov.cn", "pw", is_staff=True)
        workflow.accept(app, by=staff)

        page.goto(live_server.url + "/services/my/")
        page.get_by_role("link", name="财政厅办公楼屋面防水维修").click()
        assert "已受理，审核中" in page.locator("#case-status").inner_text()
        assert "申请已受理" in page.locator(".case-history").inner_text()
        assert no_sideways_scrolling(page)
        page.screenshot(path=SHOTS / "services-case-phone.png", full_page=True)
    finally:
        context.close()

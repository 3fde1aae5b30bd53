"""The dataset page in headless Chromium: reached from the main navigation, its chart and table, filtering and
sorting the table by the form and the column headers, and downloading the filtered rows as CSV."""

import csv
import io
import os

import pytest

from tests.browser import chromium
from tests.cms.datasets.support import make_dataset, release
from tests.factories import build_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture
def dataset(transactional_db, django_db_serialized_rollback, live_server):
    tree = build_site()
    page = make_dataset(tree.home)
    release(page)
    return page


@pytest.fixture
def browser(dataset):
    with chromium() as browser:
        yield browser


def table_units(page) -> list[str]:
    return page.locator("table.data-table tbody tr td:first-child").all_inner_texts()


def test_dataset_page_filters_sorts_and_downloads(browser, dataset, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.locator(".main-nav").get_by_role("link", name="数据开放", exact=True).click()
        page.locator(".dataset-list").get_by_role("link", name=dataset.title).click()
        page.wait_for_url(f"**{dataset.url}")
        assert page.locator("svg.data-chart").count() == 2
        assert len(table_units(page)) == 4

        page.get_by_label("单位", exact=True).fill("省财政厅")
        page.get_by_role("button", name="筛选").click()
        page.wait_for_url("**unit=*")
        assert set(table_units(page)) == {"省财政厅"}
        assert "2 行" in page.locator(".data-count").inner_text()

        header = page.locator("table.data-table thead th", has_text="年度")
        header.get_by_role("link").click()
        page.wait_for_url("**sort=year*")
        assert header.get_attribute("aria-sort") == "ascending"
        header.get_by_role("link").click()
        page.wait_for_url("**sort=-year*")
        years = page.locator("table.data-table tbody tr td:nth-child(2)").all_inner_texts()
        assert years == ["2024", "2023"]

        with page.expect_download() as info:
            page.locator(".downloads").get_by_role("link", name="CSV").click()
        path = info.value.path()
        rows = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig").read())))
        assert rows[0][0] == "unit" and [r[0] for r in rows[2:]] == ["省财政厅", "省财政厅"]
    finally:
        context.close()

"""互动统计 shows the online services' totals for the year and links to their own statistics (办件统计) and 办件公示;
the site map lists them too. Figures only: no applicant's name or telephone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from interaction.services import workflow
from interaction.services.models import Application
from interaction.stats.models import InteractionStatisticsPage
from tests.factories import publish
from tests.interaction.services.conftest import build_catalogue

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def case(guide, n: int, submitted: dt.date) -> Application:
    app = Application.objects.create(
        form_token=f"stats-{n}",
        service=guide,
        service_name=guide.title,
        form_kind=guide.online_form,
        title=f"就餐预约{n}",
        contact_name="秦九韶",
        contact_phone="13912340000",
    )
    workflow.submit(app, at=at(submitted), send=False)
    return app


@pytest.fixture
def service_cases(site_tree):
    guide = build_catalogue(site_tree)["public"]
    # 2026: three received; one decided on time, one refused, one still open; 2025: one more
    decided = case(guide, 1, dt.date(2026, 3, 2))
    workflow.accept(decided, at=at(dt.date(2026, 3, 3)), send=False)
    workflow.decide(decided, "approved", "同意。", at=at(dt.date(2026, 3, 5)), send=False)
    refused = case(guide, 2, dt.date(2026, 5, 6))
    workflow.refuse(refused, "不属于受理范围。", at=at(dt.date(2026, 5, 7)), send=False)
    case(guide, 3, dt.date(2026, 11, 2))
    case(guide, 4, dt.date(2025, 6, 2))
    return guide


def flat(response) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", response.content.decode()))


def test_interaction_statistics_show_the_services_and_link_their_statistics(client, site_tree, service_cases):
    page = publish(site_tree.home, InteractionStatisticsPage(title="互动统计", slug="hdtj", summary="办理统计"))
    response = client.get(page.url, {"year": "2026"})
    assert response.status_code == 200
    html = flat(response)
    assert "2026年办事服务" in html
    assert "收到申请</dt><dd>3 件" in html and "已办结</dt><dd>2 件" in html and "按时办结</dt><dd>2 件" in html
    link = re.search(r'<a [^>]*href="(/services/statistics/\?year=2026)"[^>]*>办件统计</a>', html)
    assert link, "no link to the services statistics"
    assert re.search(r'<a [^>]*href="/services/results/"[^>]*>办件公示</a>', html)
    assert "秦九韶" not in html and "13912340000" not in html

    # the link opens the services' own statistics for the same year
    statistics = flat(client.get(link.group(1)))
    assert '<option value="2026" selected>2026年</option>' in statistics
    assert re.search(r"<td>机关食堂就餐预约</td><td>3</td><td>2</td>", statistics)

    # a year with only service cases is offered too
    other = flat(client.get(page.url, {"year": "2025"}))
    assert '<option value="2025" selected>2025年</option>' in other and "收到申请</dt><dd>1 件" in other


def test_the_site_map_lists_the_services_statistics(client, site_tree):
    html = flat(client.get("/sitemap/"))
    assert re.search(r'<a href="/services/statistics/">办件统计</a>', html)
    assert re.search(r'<a href="/services/results/">办件公示</a>', html)
    assert re.search(r'<a href="/services/track/">凭查询码查询办件</a>', html)


@pytest.mark.parametrize("year", ["", "0", "99999", "abc", "2019"])
def test_the_services_statistics_answer_any_year(client, site_tree, year):
    """With no case at all, or a year without cases: the page answers (it used to fail on year 0)."""
    response = client.get("/services/statistics/", {"year": year})
    assert response.status_code == 200
    assert "本年度暂无统计数据。" in response.content.decode()

"""The 互动统计 page: letters by month and category, reply times in working days, and disclosure requests by the
annual report's outcome rows, as tables and SVG charts, for the year asked; no personal data."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.letters.models import Letter, LetterCategory
from interaction.stats.models import InteractionStatisticsPage
from tests.factories import publish

TZ = timezone.get_current_timezone()


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def letter(category, received: dt.date, replied: dt.date | None, name: str) -> Letter:
    return Letter.objects.create(
        writer_name=name,
        phone="13912345678",
        email="writer@example.com",
        category=category,
        subject="关于办公用房维修的咨询",
        message="请问维修项目如何申报？",
        received_at=at(received),
        replied_at=at(replied, 16) if replied else None,
        status="replied" if replied else "received",
    )


def request(received: dt.date, outcome: str, replied: dt.date | None, name: str) -> DisclosureRequest:
    return DisclosureRequest.objects.create(
        received_on=received,
        applicant_type="citizen",
        name=name,
        id_type="id_card",
        id_number="11010519491231002X",
        phone="13800000000",
        email="applicant@example.com",
        address="湖南省长沙市演示路1号",
        postcode="410011",
        info_title="2024年办公用房维修项目清单",
        info_description="请提供清单。",
        medium="email",
        delivery="email",
        status="replied" if replied else "received",
        outcome=outcome,
        replied_at=at(replied) if replied else None,
    )


@pytest.fixture
def statistics(site_tree):
    page = publish(site_tree.home, InteractionStatisticsPage(title="互动统计", slug="hdtj", summary="来信和申请的办理统计"))
    consult, _ = LetterCategory.objects.get_or_create(name="咨询", defaults={"deadline_workdays": 5})
    suggest, _ = LetterCategory.objects.get_or_create(name="建议", defaults={"deadline_workdays": 15})
    # 2026: two consultations in March (answered in 3 and 5 working days), a suggestion in September answered
    # across the National Day holiday (9-28 → 10-09: 9-29, 9-30, 10-08, 10-09 = 4 working days), one still open.
    letter(consult, dt.date(2026, 3, 2), dt.date(2026, 3, 5), "赵六")
    letter(consult, dt.date(2026, 3, 9), dt.date(2026, 3, 16), "钱七")
    letter(suggest, dt.date(2026, 9, 28), dt.date(2026, 10, 9), "孙八")
    letter(suggest, dt.date(2026, 11, 20), None, "李九")
    letter(consult, dt.date(2025, 6, 2), dt.date(2025, 6, 3), "周十")  # another year
    request(dt.date(2026, 2, 2), "disclosed", dt.date(2026, 2, 20), "吴一")
    request(dt.date(2026, 4, 1), "disclosed", dt.date(2026, 4, 20), "郑二")
    request(dt.date(2026, 5, 6), "cannot_provide.not_held", dt.date(2026, 5, 25), "王三")
    request(dt.date(2026, 11, 2), "", None, "冯四")
    return page


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_figures_tables_and_charts_for_a_year(client, statistics):
    response = client.get(statistics.url, {"year": "2026"})
    assert response.status_code == 200
    html = text_of(response)
    assert '<option value="2026" selected>2026年</option>' in html and "2025年" in html
    # facts: 4 letters, 3 answered, 1 open; average (3 + 5 + 4) / 3 = 4.0, slowest 5 working days
    for fact in (
        "来信总数</dt><dd>4 件",
        "已答复</dt><dd>3 件",
        "正在办理</dt><dd>1 件",
        "平均答复用时</dt><dd>4.0 个工作日",
        "最长答复用时</dt><dd>5 个工作日",
    ):
        assert fact in html.replace("> <", "><"), fact
    # the month × category table: March has 2 consultations, September 1 suggestion
    assert re.search(r'<th scope="row">3月</th>(<td>\d+</td>){2}<td>2</td>', html.replace("> <", "><"))
    assert re.search(r'<th scope="row">9月</th>(<td>\d+</td>){2}<td>1</td>', html.replace("> <", "><"))
    # requests: 4 received, 3 handled; 予以公开 2, 无法提供 1 with its sub-row 本机关不掌握相关政府信息 1
    assert "本年新收申请</dt><dd>4 件" in html.replace("> <", "><")
    assert re.search(r"予以公开</th> ?<td>2</td>", html)
    assert re.search(r"本机关不掌握相关政府信息</th> ?<td>1</td>", html)
    # charts: SVG with role img, a title and a description giving every figure as text
    svgs = re.findall(r'<svg class="chart-svg"[^>]*role="img"[^>]*>.*?</svg>', html)
    assert len(svgs) == 3
    assert "3月：2件" in svgs[0] and "咨询：2件" in svgs[1] and "予以公开：2件" in svgs[2]
    assert 'width="380.0"' in svgs[2]  # the largest bar fills the bar area
    # no personal data of any writer or applicant
    for secret in (
        "赵六",
        "钱七",
        "孙八",
        "李九",
        "吴一",
        "冯四",
        "13912345678",
        "13800000000",
        "writer@example.com",
        "11010519491231002X",
        "演示路",
    ):
        assert secret not in html


@pytest.mark.django_db
def test_default_year_and_bad_year(client, statistics):
    html = text_of(client.get(statistics.url))
    assert '<option value="2026" selected>' in html  # the newest year with figures
    response = client.get(statistics.url, {"year": "1999"})
    assert response.status_code == 200
    assert "没有该年度的统计数据" in response.content.decode() and 'value="2026" selected' in response.content.decode()
    assert client.get(statistics.url, {"year": "<script>"}).status_code == 200
    other = text_of(client.get(statistics.url, {"year": "2025"}))
    assert "来信总数</dt><dd>1 件" in other.replace("> <", "><")
    assert "本年度暂无统计数据" in other  # no request in 2025: the outcome chart says so instead of drawing nothing

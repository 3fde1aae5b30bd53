"""The provisional calendar for a year whose holidays are neither bundled nor entered: the statutory holidays of
《全国年节及纪念日放假办法》 (2024) computed from the lunar calendar, deadlines marked 暂定, a dashboard warning."""

import datetime as dt

import chinese_calendar
import pytest
import time_machine
from django.contrib.auth import get_user_model

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.workdays.calendar import (
    add_workdays,
    bundled_years,
    is_provisional,
    is_workday,
    provisional_years,
    statutory_holidays,
    years_to_enter,
)
from interaction.workdays.models import CalendarDay, HolidayNotice

pytestmark = pytest.mark.django_db
D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023, 2024, 2025, 2026])
def test_computed_statutory_holidays_are_days_off_in_the_official_calendars(year):
    """Checked against the State Council's schedules the package bundles (春节 4 days since 2025)."""
    days = statutory_holidays(year)
    for day, name in days.items():
        if name == "春节" and year < 2025 and day == min(d for d, n in days.items() if n == "春节"):
            continue  # 除夕 became a statutory holiday with the 2024 amendment
        assert chinese_calendar.is_holiday(day), (day, name)
    # 13 days a year, fewer when 中秋 falls within 国庆 (2020, 2028) or 端午 on 劳动节
    assert {"元旦", "春节", "清明节", "劳动节", "国庆节"} <= set(days.values()) and 12 <= len(days) <= 13


def test_the_lunar_and_solar_term_dates_of_2027_and_2028():
    days = statutory_holidays(2027)
    assert [d for d, n in days.items() if n == "春节"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]
    assert days[D(2027, 4, 5)] == "清明节" and days[D(2027, 6, 9)] == "端午节" and days[D(2027, 9, 15)] == "中秋节"
    assert len(days) == 13
    assert statutory_holidays(2028)[D(2028, 1, 25)] == "春节"  # 除夕 2028


def test_a_request_received_in_december_2026_is_not_due_on_new_years_day():
    assert 2027 not in bundled_years()
    # Friday 4 December 2026: the 20th working day would be Friday 1 January 2027 counting weekends only.
    due = add_workdays(D(2026, 12, 4), 20)
    assert due == D(2027, 1, 4)
    assert is_provisional(D(2026, 12, 4), due) and provisional_years(D(2026, 12, 4), due) == [2027]
    assert not is_provisional(D(2026, 11, 2), D(2026, 12, 1))


@pytest.mark.parametrize("year", [2027, 2028, 2031])
def test_no_deadline_falls_on_a_statutory_holiday(year):
    holidays = statutory_holidays(year)
    for offset in range(0, 365, 3):
        start = D(year, 1, 1) + dt.timedelta(days=offset)
        for count in (1, 3, 7, 15, 20):
            due = add_workdays(start, count)
            assert due not in holidays and due.weekday() < 5, (start, count, due)


def test_spring_festival_2027_is_skipped():
    assert not is_workday(D(2027, 2, 5)) and not is_workday(D(2027, 2, 8))  # 除夕 (Friday), 初三 (Monday)
    assert add_workdays(D(2027, 2, 4), 1) == D(2027, 2, 9)


def test_entered_days_win_over_the_provisional_ones():
    CalendarDay.objects.create(date=D(2027, 2, 9), kind="holiday", name="春节")
    CalendarDay.objects.create(date=D(2027, 2, 8), kind="workday", name="本地安排")
    assert is_workday(D(2027, 2, 8)) and not is_workday(D(2027, 2, 9))
    assert is_provisional(D(2027, 2, 9))  # until the year's notice is confirmed


def test_years_to_enter_follow_the_date():
    assert years_to_enter(D(2026, 6, 1)) == []
    assert years_to_enter(D(2026, 12, 6)) == [2027]
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    assert years_to_enter(D(2026, 12, 6)) == [2027]
    HolidayNotice.objects.create(year=2027, reference="国办发明电〔2026〕7号")
    assert years_to_enter(D(2026, 12, 6)) == []


def _request(received: dt.date) -> DisclosureRequest:
    return DisclosureRequest.objects.create(
        received_on=received,
        applicant_type="citizen",
        name="测试申请人",
        phone="13800000000",
        address="长沙市韶山北路1号",
        info_title="办公用房维修费用",
        info_description="2026年度办公用房维修项目的费用明细",
        medium="paper",
        delivery="post",
    )


@time_machine.travel(dt.datetime(2026, 12, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_admin_marks_provisional_deadlines_and_the_dashboard_warns(client):
    admin = get_user_model().objects.create_superuser("calendar-admin", "c@example.gov.cn", "x")
    client.force_login(admin)
    late = _request(D(2026, 12, 4))
    early = _request(D(2026, 10, 12))
    assert late.due_on == D(2027, 1, 4) and late.due_provisional
    assert not early.due_provisional
    listing = client.get("/admin/disclosure_requests/").content.decode()
    assert "2027年1月4日（暂定）" in listing
    assert "2026年11月9日" in listing and "2026年11月9日（暂定）" not in listing
    dashboard = client.get("/admin/").content.decode()
    assert "workdays-provisional" in dashboard and "2027年" in dashboard and "/admin/calendar_days/new/" in dashboard
    assert "/admin/holiday_notices/new/?year=2027" in dashboard
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    assert "workdays-provisional" in client.get("/admin/").content.decode()  # a day typed is not the notice
    HolidayNotice.objects.create(year=2027, reference="国办发明电〔2026〕7号")
    assert "workdays-provisional" not in client.get("/admin/").content.decode()
    assert "（暂定）" not in client.get("/admin/disclosure_requests/").content.decode()


@time_machine.travel(dt.datetime(2026, 12, 16, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_a_letter_with_a_provisional_deadline_says_so(client):
    from django.urls import reverse

    from interaction.letters.models import Letter, LetterCategory

    admin = get_user_model().objects.create_superuser("letters-admin", "l@example.gov.cn", "x")
    client.force_login(admin)
    letter = Letter.objects.create(
        writer_name="李娜",
        phone="13800001111",
        category=LetterCategory.objects.get(name="建议"),
        subject="关于食堂的建议",
        message="建议食堂延长供餐时间。",
        received_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=SHANGHAI),
    )
    assert letter.deadline == D(2027, 1, 6) and letter.deadline_provisional  # 15 working days, 1 January skipped
    assert "2027年1月6日（暂定）" in client.get(reverse("letters:index")).content.decode()
    assert "暂定：该年节假日安排通知尚未确认" in client.get(reverse("letters:edit", args=[letter.pk])).content.decode()
    request = _request(D(2026, 12, 4))
    inspect = client.get(reverse("disclosure_requests:inspect", args=[request.pk])).content.decode()
    assert "2027年1月4日（暂定）" in inspect

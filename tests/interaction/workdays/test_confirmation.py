"""A year's calendar stops being provisional only when staff confirm its State Council notice, after entering its
days: not when the first day is typed. The confirmation in the admin, the dashboard warning, the recount command."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command

from interaction.workdays.calendar import (
    add_workdays,
    confirmed_years,
    is_provisional,
    known_years,
    statutory_holidays,
    years_to_enter,
)
from interaction.workdays.models import CalendarDay, HolidayNotice

from .notice import REFERENCE, SHANGHAI, D, calendar_admin, confirm, dashboard_warns, enter_day

pytestmark = pytest.mark.django_db


def test_a_year_is_provisional_until_its_notice_is_confirmed():
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    assert is_provisional(D(2027, 1, 4)) and years_to_enter(D(2026, 12, 6)) == [2027]
    assert 2027 not in known_years()
    HolidayNotice.objects.create(year=2027, reference=REFERENCE)
    assert not is_provisional(D(2027, 1, 4)) and years_to_enter(D(2026, 12, 6)) == []
    assert confirmed_years() == {2027} and {2026, 2027} <= known_years()
    assert is_provisional(D(2028, 1, 4))  # the next year is still provisional


def test_bundled_years_are_known_without_a_confirmation():
    assert not is_provisional(D(2026, 3, 2), D(2026, 12, 31)) and 2026 in known_years()


def test_statutory_holidays_stay_days_off_in_a_confirmed_year_unless_entered_as_working_days():
    """Staff forgot 清明 when entering the notice: it is still no deadline."""
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    HolidayNotice.objects.create(year=2027, reference=REFERENCE)
    for start in (D(2027, 3, 1) + dt.timedelta(days=i) for i in range(60)):
        for count in (1, 5, 15, 20):
            assert add_workdays(start, count) not in statutory_holidays(2027)


@time_machine.travel(dt.datetime(2026, 12, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_dashboard_warns_until_the_notice_is_confirmed_not_after_the_first_day(client, django_capture_on_commit_callbacks):
    user = calendar_admin(client)
    page = client.get("/admin/").content.decode()
    assert "workdays-provisional" in page and "2027年国务院节假日安排通知尚未确认" in page
    assert "/admin/calendar_days/new/" in page and "/admin/holiday_notices/new/?year=2027" in page
    enter_day(client, django_capture_on_commit_callbacks, D(2027, 1, 1), "holiday", "元旦")
    assert dashboard_warns(client)  # one day typed: not yet the notice
    assert "已录入 1 天" in client.get("/admin/").content.decode()
    for day, kind in ((D(2027, 1, 2), "holiday"), (D(2027, 1, 3), "holiday"), (D(2027, 1, 10), "workday")):
        enter_day(client, django_capture_on_commit_callbacks, day, kind, "元旦")
    assert dashboard_warns(client)
    response = confirm(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    notice = HolidayNotice.objects.get(year=2027)
    assert notice.reference == REFERENCE and notice.confirmed_by == user and notice.confirmed_at
    assert "workdays-provisional" not in client.get("/admin/").content.decode()
    listing = client.get("/admin/holiday_notices/").content.decode()
    assert REFERENCE in listing and "2026年12月6日" in listing
    # withdrawing the confirmation brings the warning back
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/holiday_notices/delete/{notice.pk}/").status_code == 302
    assert dashboard_warns(client)


def test_no_confirmation_before_the_days_are_entered_nor_for_a_bundled_year(client, django_capture_on_commit_callbacks):
    calendar_admin(client)
    response = confirm(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2027年的日期尚未录入" in page and REFERENCE in page  # what was typed is kept
    response = confirm(client, django_capture_on_commit_callbacks, year=2026)
    assert response.status_code == 200 and "随日历软件包提供" in response.content.decode()
    assert not HolidayNotice.objects.exists()


def test_the_confirmation_form_starts_with_the_year_from_the_warning(client):
    calendar_admin(client)
    page = client.get("/admin/holiday_notices/new/?year=2027").content.decode()
    assert 'value="2027"' in page and "国办发明电" in page


def test_site_administrators_may_confirm_notices():
    from interaction.workdays.roles import ROLE_PERMISSIONS

    assert {"workdays.add_holidaynotice", "workdays.change_holidaynotice"} <= set(ROLE_PERMISSIONS["site_admin"])


def test_the_command_refuses_a_bad_year_in_one_line():
    for bad in ("abc", "1999", "20277"):
        with pytest.raises(CommandError) as error:
            call_command("recount_deadlines", "--year", bad)
        assert "\n" not in str(error.value) and "--year" in str(error.value)


def test_the_command_prints_how_many_deadlines_changed(capsys):
    from io import StringIO

    out = StringIO()
    call_command("recount_deadlines", "--year", "2027", stdout=out, stderr=StringIO())
    assert "0 deadline(s) changed" in out.getvalue() and "2027" in out.getvalue()

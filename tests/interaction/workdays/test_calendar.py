"""Working-day arithmetic against China's real 2026 holiday schedule and admin-entered days."""

import datetime as dt

import pytest

from interaction.workdays.calendar import (
    add_workdays,
    is_provisional,
    is_workday,
    known_years,
    workdays_between,
    workdays_left,
)
from interaction.workdays.models import CalendarDay, HolidayNotice

pytestmark = pytest.mark.django_db
D = dt.date


def test_national_day_golden_week_and_make_up_saturday_2026():
    # 2026: 10月1日至7日放假调休; 9月20日 (Sunday) and 10月10日 (Saturday) are make-up working days.
    assert not is_workday(D(2026, 10, 1))
    assert not is_workday(D(2026, 10, 7))
    assert is_workday(D(2026, 9, 20))  # a Sunday, worked
    assert is_workday(D(2026, 10, 10))  # a Saturday, worked
    assert not is_workday(D(2026, 10, 11))  # an ordinary Sunday
    # A letter received on 30 September: working days are 10-08, 10-09, 10-10, 10-12 ...
    assert add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_workdays(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert add_workdays(D(2026, 9, 30), 4) == D(2026, 10, 12)


def test_twenty_working_days_across_spring_festival_2026():
    # 春节 2026: 2月15日至23日放假, 2月14日 and 2月28日 are make-up working Saturdays.
    deadline = add_workdays(D(2026, 2, 2), 20)
    assert workdays_between(D(2026, 2, 2), deadline) == 20
    # 10 working days to Saturday 2-14, none 2-15..2-23, 4 to 2-27, Saturday 2-28, then 3-02..3-06.
    assert deadline == D(2026, 3, 6)


def test_a_year_not_yet_confirmed_keeps_the_statutory_holidays_until_the_admin_confirms_it():
    assert 2027 not in known_years()
    assert not is_workday(D(2027, 1, 1))  # 元旦 2027, a Friday: a statutory holiday even before the notice
    assert is_provisional(D(2027, 1, 4))
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    CalendarDay.objects.create(date=D(2027, 1, 2), kind="workday", name="调休上班")
    assert 2027 not in known_years() and is_provisional(D(2027, 1, 4))  # entered days alone are not the notice
    HolidayNotice.objects.create(year=2027, reference="国办发明电〔2026〕7号")
    assert 2027 in known_years()
    assert not is_provisional(D(2027, 1, 4))
    assert not is_workday(D(2027, 1, 1))
    assert is_workday(D(2027, 1, 2))
    assert add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 2)
    assert not is_workday(D(2027, 10, 1))  # statutory days stay off in an entered year unless entered as worked


def test_admin_overrides_beat_the_bundled_calendar():
    CalendarDay.objects.create(date=D(2026, 11, 25), kind="holiday", name="本地调整")
    assert not is_workday(D(2026, 11, 25))
    assert add_workdays(D(2026, 11, 24), 1) == D(2026, 11, 26)


def test_days_left_and_overdue():
    deadline = D(2026, 11, 27)  # a Friday
    assert workdays_left(deadline, D(2026, 11, 25)) == 2
    assert workdays_left(deadline, deadline) == 0
    assert workdays_left(deadline, D(2026, 11, 30)) == -1  # Monday after: one working day late
    with pytest.raises(ValueError):
        add_workdays(deadline, 0)


def test_site_admin_enters_a_holiday_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.post("/admin/calendar_days/new/", {"date": "2027-02-06", "kind": "holiday", "name": "春节"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 2, 6)).name == "春节"
    listing = client.get("/admin/calendar_days/")
    assert "春节" in listing.content.decode()
    bad = client.post("/admin/calendar_days/new/", {"date": "2027-02-30", "kind": "holiday", "name": "错"})
    assert bad.status_code == 200 and CalendarDay.objects.count() == 1

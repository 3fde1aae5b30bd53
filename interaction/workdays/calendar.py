"""Working-day arithmetic for statutory deadlines: weekends, China's public holidays and make-up working
days, overridden by days entered in the admin (CalendarDay). Letters, disclosure requests, error reports and
online services all count with these functions; their names are stable:

- `add_workdays(start, count)`: the `count`-th working day after `start` (deadlines count from the day after
  receipt, as the 2019 Regulations count "20 working days from receipt");
- `workdays_between(start, end)`, `workdays_left(deadline, today)`, `is_workday(day)`;
- `is_provisional(start, end=None)`: whether a date (or a deadline counted from `start` to `end`) depends on a
  provisional calendar; `provisional_years(start, end)` lists those years;
- `statutory_holidays(year)`: the days off that 《全国年节及纪念日放假办法》 (as amended in 2024) fixes by law;
- `known_years()`, `bundled_years()`, `confirmed_years()`, `years_to_enter(today)` (the years the dashboard asks
  staff to enter);
- `preloaded()`: a block in which the entered days are read once (recounting many deadlines).

Where a year's calendar comes from, in this order:
1. days entered in the admin (Settings → 工作日历): a single day always wins;
2. the State Council's schedule bundled with the `chinesecalendar` package (up to 2026 in version 1.11);
3. otherwise a **provisional** calendar: weekends, and the statutory holidays computed for that year — 元旦
   (1 January), 春节 (除夕 to 正月初三, 4 days), 清明 (the day of the solar term), 劳动节 (1–2 May), 端午 (五月初五),
   中秋 (八月十五), 国庆 (1–3 October); the lunar dates and the solar term from `lunar_python`. It knows no
   bridging days or make-up working days: those come with the State Council's notice, which staff enter day by
   day and then confirm as a whole (HolidayNotice, Settings → 节假日安排通知). Until the notice of a year is
   confirmed, deadlines counted over it are marked 暂定 in the admin and the dashboard warns, however many of its
   days are entered. Statutory holidays stay days off in any year not bundled, whatever else is entered, unless a
   day is entered as a working day, so no deadline falls on one.

Entering, changing or deleting a day, or confirming a notice, sends `signals.calendar_changed` once the change is
committed; the apps that store deadlines recount their open cases (`recount.py`, `manage.py recount_deadlines`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import chinese_calendar
from lunar_python import Lunar, Solar

from .bundled import bundled_years
from .models import CalendarDay, HolidayNotice


def confirmed_years() -> set[int]:
    """Years whose State Council notice staff have entered and confirmed."""
    return set(HolidayNotice.objects.values_list("year", flat=True))


def known_years() -> set[int]:
    """Years with an official holiday schedule: bundled, or entered and confirmed in the admin."""
    return set(bundled_years()) | confirmed_years()


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The days off fixed by 《全国年节及纪念日放假办法》 (2024) for everyone, with the festival's name."""
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    spring = Lunar.fromYmd(year, 1, 1).getSolar()
    first = dt.date(spring.getYear(), spring.getMonth(), spring.getDay())
    for offset in range(-1, 3):  # 除夕, 初一, 初二, 初三
        days[first + dt.timedelta(days=offset)] = "春节"
    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    days[dt.date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "劳动节"
    for month, day, name in ((5, 5, "端午节"), (8, 15, "中秋节")):
        solar = Lunar.fromYmd(year, month, day).getSolar()
        days[dt.date(solar.getYear(), solar.getMonth(), solar.getDay())] = name
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = "国庆节"
    return days


def provisional_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from `start` to `end` whose calendar is provisional: neither bundled nor confirmed by staff."""
    bundled = bundled_years()
    outside = [year for year in range(start.year, end.year + 1) if year not in bundled]
    if not outside:
        return []
    confirmed = confirmed_years()  # a row a confirmed year: a handful
    return [year for year in outside if year not in confirmed]


def is_provisional(start: dt.date, end: dt.date | None = None) -> bool:
    """Whether a day, or a deadline counted from `start` to `end`, rests on a provisional calendar."""
    return bool(provisional_years(start, end or start))


def years_to_enter(today: dt.date, ahead_days: int = 120) -> list[int]:
    """The provisional years a deadline counted from today may reach (the longest, 40 working days, spans about
    two months): the dashboard asks staff to enter the State Council's notice for them."""
    return provisional_years(today, today + dt.timedelta(days=ahead_days))


_preloaded: contextvars.ContextVar[dict[dt.date, bool] | None] = contextvars.ContextVar("workdays_preloaded", default=None)


def _overrides(days) -> dict[dt.date, bool]:
    return {day.date: day.kind == CalendarDay.Kind.WORKDAY for day in days}


@contextmanager
def preloaded() -> Iterator[None]:
    """Read every entered day once for the block: counting thousands of deadlines (a recount) then costs no query
    per deadline. The days must not change inside the block."""
    token = _preloaded.set(_overrides(CalendarDay.objects.only("date", "kind")))
    try:
        yield
    finally:
        _preloaded.reset(token)


class WorkCalendar:
    """Answers "is this a working day" for a span of dates, reading the admin's overrides once."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        everything = _preloaded.get()
        if everything is not None:
            self.overrides = everything
        else:
            self.overrides = _overrides(CalendarDay.objects.filter(date__range=(start, end)))
        self.bundled = bundled_years()

    def is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.bundled:
            # chinese_calendar.is_workday(day), without its check of the year (a min and a max over every holiday
            # it knows, each call): the year is known to be bundled.
            return day in chinese_calendar.workdays or (day.weekday() < 5 and day not in chinese_calendar.holidays)
        # A year the package does not know: weekends and the statutory holidays (provisional until staff enter
        # the State Council's notice; what they enter is in the overrides above).
        return day.weekday() < 5 and day not in statutory_holidays(day.year)


def is_workday(day: dt.date) -> bool:
    return WorkCalendar(day, day).is_workday(day)


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (count >= 1)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    # Long holidays never stretch 20 working days past about 2x; read overrides for a generous span once.
    calendar = WorkCalendar(start, start + dt.timedelta(days=count * 3 + 30))
    day, left = start, count
    while left:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start): how many of a
    deadline's working days have been used by `end`."""
    if end <= start:
        return 0
    calendar = WorkCalendar(start, end)
    return sum(calendar.is_workday(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1))


def workdays_left(deadline: dt.date, today: dt.date) -> int:
    """Working days from `today` to `deadline`: positive while time remains, 0 on the deadline itself,
    negative (working days overdue) after it."""
    if today <= deadline:
        return workdays_between(today, deadline)
    return -workdays_between(deadline, today)

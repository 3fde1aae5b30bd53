"""Working-day arithmetic for statutory deadlines: weekends, China's public holidays and make-up working
days (from the `chinesecalendar` package), overridden by days entered in the admin (CalendarDay).

Deadlines count from the day after receipt: `add_workdays(received, 20)` is the 20th working day after
the day a letter or application arrived, as the 2019 Regulations count "20 working days from receipt"."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from .models import CalendarDay


def bundled_years() -> range:
    """The years whose holiday schedule ships with the chinesecalendar package."""
    years = sorted({day.year for day in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def known_years() -> set[int]:
    """Years with a holiday schedule: bundled, or at least one holiday entered in the admin."""
    entered = CalendarDay.objects.filter(kind=CalendarDay.Kind.HOLIDAY).dates("date", "year")
    return set(bundled_years()) | {d.year for d in entered}


class WorkCalendar:
    """Answers "is this a working day" for a span of dates, reading the admin's overrides once."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.overrides = {
            day.date: day.kind == CalendarDay.Kind.WORKDAY for day in CalendarDay.objects.filter(date__range=(start, end))
        }
        self.bundled = bundled_years()

    def is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.bundled:
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5  # a year nobody has entered yet: weekends only


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

"""The health history as a chart: one bar a day for the last year (failed and warning checks stacked; red on days
a veto rule failed), drawn as SVG on the server like the 互动统计 charts, with the figures by month as text."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from .models import HealthDay

DAY_WIDTH = 2
HEIGHT = 120
LEFT = 30


@dataclass
class DayBar:
    day: dt.date
    x: int
    fail_y: float
    fail_h: float
    warn_y: float
    warn_h: float
    veto: bool
    label: str


def chart(today: dt.date, days: int = 365) -> dict:
    start = today - dt.timedelta(days=days - 1)
    rows = list(HealthDay.objects.filter(day__gte=start, day__lte=today).defer("results").order_by("day"))
    top = max((r.failures + r.warnings for r in rows), default=0) or 1
    bars = []
    for row in rows:
        x = LEFT + (row.day - start).days * DAY_WIDTH
        fail_h = round(HEIGHT * row.failures / top, 1)
        warn_h = round(HEIGHT * row.warnings / top, 1)
        bars.append(
            DayBar(
                row.day,
                x,
                HEIGHT - fail_h,
                fail_h,
                HEIGHT - fail_h - warn_h,
                warn_h,
                row.veto_failed,
                f"{row.day:%Y-%m-%d}：不合格 {row.failures} 项，预警 {row.warnings} 项"
                + ("，单项否决" if row.veto_failed else ""),
            )
        )
    months: OrderedDict[str, dict] = OrderedDict()
    for row in rows:
        month = months.setdefault(f"{row.day.year}年{row.day.month}月", {"days": 0, "veto": 0, "clean": 0, "failures": 0})
        month["days"] += 1
        month["veto"] += row.veto_failed
        month["clean"] += row.status == "pass"
        month["failures"] += row.failures
    for month in months.values():
        month["average"] = f"{month['failures'] / month['days']:.1f}" if month["days"] else "0"
    return {
        "bars": bars,
        "width": LEFT + days * DAY_WIDTH + 10,
        "height": HEIGHT + 20,
        "base": HEIGHT,
        "top": top,
        "start": start,
        "end": today,
        "months": months,
        "recorded": len(rows),
        "veto_days": sum(r.veto_failed for r in rows),
        "description": f"{start:%Y-%m-%d}至{today:%Y-%m-%d}，记录{len(rows)}天，"
        f"其中{sum(r.veto_failed for r in rows)}天有单项否决项不合格",
    }

"""Figures for the annual report's table 三 (收到和处理政府信息公开申请情况): requests received in a year, carried
over, handled by outcome (grouped as the table's rows) and by applicant column, and carried forward."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from .choices import APPLICANT_COLUMNS, OUTCOME_GROUPS
from .models import DisclosureRequest


@dataclass
class Row:
    key: str  # the outcome (or group) key, e.g. "not_disclosed" or "not_disclosed.secret"
    number: str  # "（三）" for a group, "1." for a sub-outcome
    label: str
    counts: dict[str, int] = field(default_factory=dict)  # applicant column -> count, and "total"
    children: list[Row] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.counts.get("total", 0)


@dataclass
class YearStats:
    year: int
    received: dict[str, int]  # 本年新收
    carried_over: dict[str, int]  # 上年结转
    outcomes: list[Row]  # 本年度办理结果, group rows with their sub-rows
    handled: dict[str, int]  # （七）总计
    carried_forward: dict[str, int]  # 结转下年度继续办理

    @property
    def received_total(self) -> int:
        return self.received["total"]


def _counts(requests) -> dict[str, int]:
    counter = Counter(r.applicant_column for r in requests)
    counts = {key: counter.get(key, 0) for key, _label in APPLICANT_COLUMNS}
    counts["total"] = sum(counter.values())
    return counts


def year_stats(year: int) -> YearStats:
    """The year's figures; a request counts as handled in the year its reply was sent (local time)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    fields = ("applicant_type", "organisation_kind", "outcome", "received_on", "replied_at")
    received = list(DisclosureRequest.objects.filter(received_on__year=year).only(*fields))
    open_at = lambda moment, before: DisclosureRequest.objects.filter(  # noqa: E731
        Q(replied_at__isnull=True) | Q(replied_at__gte=moment), received_on__lt=before
    ).only(*fields)
    carried_over = list(open_at(start, dt.date(year, 1, 1)))
    carried_forward = list(open_at(end, dt.date(year + 1, 1, 1)))
    handled = list(DisclosureRequest.objects.filter(replied_at__gte=start, replied_at__lt=end).exclude(outcome="").only(*fields))

    rows = []
    for group in OUTCOME_GROUPS:
        in_group = [r for r in handled if r.outcome.split(".", 1)[0] == group.key]
        row = Row(group.key, group.number, group.label, _counts(in_group))
        for i, (key, label) in enumerate(group.outcomes, start=1):
            full = f"{group.key}.{key}"
            row.children.append(Row(full, f"{i}.", label, _counts([r for r in in_group if r.outcome == full])))
        rows.append(row)
    return YearStats(
        year=year,
        received=_counts(received),
        carried_over=_counts(carried_over),
        outcomes=rows,
        handled=_counts(handled),
        carried_forward=_counts(carried_forward),
    )

"""Letter statistics as plain data for the public statistics page: letters by month and category, and the
average and slowest reply time in working days."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from .models import Letter


def letter_statistics(start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """Letters received from `start` to `end` (inclusive, local dates; both optional).

    Returns {"total", "by_month": [{"month": "2026-03", "category": "咨询", "count": 4}, ...] (by month then
    category), "by_category": {"咨询": 4, ...}, "answered", "open", "average_reply_workdays" (one decimal, None
    when nothing was answered), "slowest_reply_workdays" (None likewise)}.
    """
    letters = Letter.objects.select_related("category")
    if start:
        letters = letters.filter(received_at__date__gte=start)
    if end:
        letters = letters.filter(received_at__date__lte=end)
    by_month: Counter = Counter()
    by_category: Counter = Counter()
    durations: list[int] = []
    open_count = 0
    for letter in letters:
        month = timezone.localtime(letter.received_at).strftime("%Y-%m")
        by_month[(month, letter.category.name)] += 1
        by_category[letter.category.name] += 1
        if letter.replied_at:
            durations.append(letter.reply_workdays())
        elif letter.is_open:
            open_count += 1
    return {
        "total": sum(by_category.values()),
        "by_month": [{"month": m, "category": c, "count": n} for (m, c), n in sorted(by_month.items())],
        "by_category": dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        "answered": len(durations),
        "open": open_count,
        "average_reply_workdays": round(sum(durations) / len(durations), 1) if durations else None,
        "slowest_reply_workdays": max(durations) if durations else None,
    }

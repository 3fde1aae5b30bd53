"""Search analytics for editors: per week, each query's searches, searches that found nothing, and opened results.

Counted without personal data: the normalised query text and the week, nothing about who searched (no address, no
session, no cookie). A search is counted when the search page answers it (also from the page cache, see
SearchAnalyticsMiddleware); an opened result when a visitor follows a result link (the link's `ping`).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import QueryStat, normalise_query

RESULTS_HEADER = "X-Search-Results"  # the number of results, set by the search page for the middleware


def week_of(day: datetime.date | None = None) -> datetime.date:
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def record_search(text: str, total: int) -> None:
    query = normalise_query(text)
    if not query:
        return
    week = week_of()
    zero = 1 if total == 0 else 0
    updates = {"searches": F("searches") + 1, "zero_results": F("zero_results") + zero}
    if QueryStat.objects.filter(week=week, query=query).update(**updates):
        return
    try:
        with transaction.atomic():
            QueryStat.objects.create(week=week, query=query, searches=1, zero_results=zero)
    except IntegrityError:  # another request created the row first
        QueryStat.objects.filter(week=week, query=query).update(**updates)


def record_click(text: str) -> bool:
    """Count an opened result for a query searched this week (never creates a row: nothing to inject)."""
    query = normalise_query(text)
    return bool(query) and bool(QueryStat.objects.filter(week=week_of(), query=query).update(clicks=F("clicks") + 1))


def report(week: datetime.date, limit: int = 50) -> dict[str, list[QueryStat]]:
    """The week's top queries, queries that found nothing, and queries whose results nobody opened."""
    rows = QueryStat.objects.filter(week=week)
    return {
        "top": list(rows.order_by("-searches", "query")[:limit]),
        "zero": list(rows.filter(zero_results__gt=0).order_by("-zero_results", "query")[:limit]),
        "unopened": list(rows.filter(clicks=0, searches__gt=F("zero_results")).order_by("-searches", "query")[:limit]),
    }

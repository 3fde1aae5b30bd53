"""What the public sees of the cases: 办件公示 (service, unit, dates, result; nothing personal: a person who applied
is shown as 个人) and the statistics per service and year (received, handled, on time, average and slowest
working days, ratings) as tables and SVG bar charts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Max, Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import Application, Rating


def public_cases():
    return (
        Application.objects.filter(status__in=Application.CLOSED, decided_on__isnull=False)
        .select_related("unit")
        .order_by("-decided_on", "-pk")
    )


def results(request):
    cases = public_cases()
    service = request.GET.get("service", "")
    if service:
        cases = cases.filter(service_name=service)
    services = sorted(set(public_cases().values_list("service_name", flat=True)))
    page = Paginator(
        cases.only("service_name", "unit__name", "submitted_at", "decided_on", "status", "outcome", "document_number"), 30
    )
    return render(
        request,
        "applications/results.html",
        {"cases": page.get_page(request.GET.get("page")), "services": services, "service": service},
    )


@dataclass
class Row:
    service: str
    received: int
    handled: int
    on_time: int
    average: float | None
    slowest: int | None
    ratings: int
    rating: float | None

    @property
    def on_time_share(self) -> str:
        return f"{self.on_time * 100 / self.handled:.0f}%" if self.handled else "—"


def figures(year: int) -> list[Row]:
    """One row per service for the cases submitted in `year`."""
    received = (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .filter(submitted_at__year=year)
        .values("service_name")
        .annotate(
            received=Count("pk"),
            handled=Count("pk", filter=Q(status__in=Application.CLOSED)),
            on_time=Count("pk", filter=Q(status__in=Application.CLOSED, on_time=True)),
            average=Avg("workdays_used", filter=Q(status=Application.Status.DECIDED)),
            slowest=Max("workdays_used", filter=Q(status=Application.Status.DECIDED)),
        )
        .order_by("service_name")
    )
    ratings = {
        r["application__service_name"]: r
        for r in Rating.objects.filter(application__submitted_at__year=year)
        .values("application__service_name")
        .annotate(n=Count("pk"), avg=Avg("score"))
    }
    rows = []
    for r in received:
        rating = ratings.get(r["service_name"], {})
        rows.append(
            Row(
                r["service_name"],
                r["received"],
                r["handled"],
                r["on_time"],
                round(r["average"], 1) if r["average"] is not None else None,
                r["slowest"],
                rating.get("n", 0),
                round(rating["avg"], 2) if rating.get("avg") is not None else None,
            )
        )
    return rows


def chart(title: str, pairs: list[tuple[str, float]]) -> dict:
    """A horizontal bar chart as numbers for the SVG template."""
    top = max((v for _, v in pairs), default=0) or 1
    bars = [
        {"label": label, "value": value, "length": round(300 * value / top), "y": i * 30, "text_y": i * 30 + 16}
        for i, (label, value) in enumerate(pairs)
    ]
    return {"title": title, "bars": bars, "height": max(len(bars) * 30, 30)}


def statistics(request):
    years = sorted(
        {d.year for d in Application.objects.exclude(submitted_at__isnull=True).dates("submitted_at", "year")}, reverse=True
    )
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    if year not in years:  # a year without cases (or none at all, or nonsense): the newest year with figures
        year = years[0] if years else 0
    rows = figures(year) if year else []
    charts = [
        chart(_("Cases received"), [(r.service, r.received) for r in rows]),
        chart(_("Average working days"), [(r.service, r.average or 0) for r in rows]),
    ]
    total_ratings = (
        Rating.objects.filter(application__submitted_at__year=year).aggregate(n=Count("pk"), avg=Avg("score"))
        if year
        else {"n": 0, "avg": None}
    )
    return render(
        request,
        "applications/statistics.html",
        {"rows": rows, "years": years, "year": year, "charts": charts, "total_ratings": total_ratings},
    )


def licences_decided(year: int) -> int:
    """行政许可 cases decided in `year` (the annual report's figure)."""
    return Application.objects.filter(status=Application.Status.DECIDED, decided_on__year=year, service__kind="licence").count()

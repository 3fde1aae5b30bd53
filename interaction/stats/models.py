"""The 政民互动 statistics page: letters by month and category, reply times in working days, disclosure requests by
the outcome rows of the annual report, and the online services' totals with a link to their own statistics, for a
year the visitor picks. Figures only, no personal data."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import SummaryMixin
from interaction.disclosure_requests.models import DisclosureRequest
from interaction.disclosure_requests.stats import year_stats
from interaction.letters.models import Letter
from interaction.letters.stats import letter_statistics
from interaction.services.models import Application
from interaction.services.public import figures as service_figures

from .charts import BarChart


class InteractionStatisticsPage(SummaryMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    api_fields = [APIField("summary"), APIField("intro")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]
    template = "interaction/statistics_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("interaction statistics page")
        verbose_name_plural = _("interaction statistics pages")

    def years(self) -> list[int]:
        """Years with any letter or request, newest first (this year when there are none yet)."""

        found = {d.year for d in Letter.objects.dates("received_at", "year")}
        found |= {d.year for d in DisclosureRequest.objects.dates("received_on", "year")}
        found |= service_years()
        return sorted(found, reverse=True) or [timezone.localdate().year]

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        years = self.years()
        year, year_error = years[0], ""
        if "year" in request.GET:
            try:
                year = int(request.GET["year"])
                if year not in years:
                    raise ValueError
            except ValueError:
                year, year_error = years[0], _("There are no figures for that year; showing %(year)s.") % {"year": years[0]}
        letters = letter_statistics(dt.date(year, 1, 1), dt.date(year, 12, 31))
        months = {f"{year}-{m:02d}": 0 for m in range(1, 13)}
        categories = list(letters["by_category"])
        table = {month: dict.fromkeys(categories, 0) for month in months}
        for row in letters["by_month"]:
            months[row["month"]] += row["count"]
            table[row["month"]][row["category"]] = row["count"]
        requests = year_stats(year)
        services = service_figures(year)
        context.update(
            services={
                "received": sum(r.received for r in services),
                "handled": sum(r.handled for r in services),
                "on_time": sum(r.on_time for r in services),
                "count": len(services),
            },
            years=years,
            year=year,
            year_error=year_error,
            letters=letters,
            categories=categories,
            month_rows=[(f"{int(m[5:])}月", [table[m][c] for c in categories], months[m]) for m in months],
            requests=requests,
            letters_chart=BarChart.of(_("Letters received by month"), "件", [(f"{int(m[5:])}月", n) for m, n in months.items()]),
            category_chart=BarChart.of(_("Letters by category"), "件", letters["by_category"].items()),
            outcome_chart=BarChart.of(
                _("Disclosure requests by outcome"), "件", [(row.label, row.total) for row in requests.outcomes]
            ),
        )
        return context


def service_years() -> set[int]:
    return {d.year for d in Application.objects.exclude(submitted_at__isnull=True).dates("submitted_at", "year")}

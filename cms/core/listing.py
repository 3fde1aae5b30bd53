"""Paginated listings: a page of items for ?page=N, and the index-page mixin the sections share (news, press
conferences, special columns and their sections), with the optional year filter of the news columns."""

from __future__ import annotations

from django.core.paginator import Page as ListingPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from cms.core.dates import years_with

PAGE_SIZE = 20


def paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> ListingPage:
    """A page of `queryset` for ?page=N; a missing, malformed or out-of-range number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page")
    try:
        if int(number) < 1:  # Paginator.get_page would give the last page for these
            number = 1
    except (TypeError, ValueError):
        pass
    return paginator.get_page(number)


class ListingPageMixin:
    """An index page that lists `listing_items()`, a page at a time, as `listing_name` in its context.

    With `listing_year_field` set, ?year=YYYY keeps the items of that year; `years`, `year` and the `querystring`
    the pager must keep are in the context, and a year with no items shows `listing_year_missing` over all years."""

    listing_name = "items"
    listing_per_page = PAGE_SIZE
    listing_year_field: str | None = None
    listing_year_missing = ""

    def listing_items(self) -> QuerySet:
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listing_items()
        if self.listing_year_field:
            years = years_with(items, self.listing_year_field)
            year = request.GET.get("year", "")
            if year.isdigit() and int(year) in years:
                items = items.filter(**{f"{self.listing_year_field}__year": int(year)})
            elif year:
                context["filter_error"] = self.listing_year_missing % {"year": year}
                year = ""
            context.update(years=years, year=year, querystring=f"year={year}" if year else "")
        context[self.listing_name] = paginate(request, items, self.listing_per_page)
        return context

"""Catalogue filters and jieba-segmented search for the pages endpoint, reusing the listings' CatalogueFilter."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, When
from rest_framework.exceptions import NotFound
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import DescendantOfFilter, FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from cms.disclosure.filters import CatalogueFilter
from cms.disclosure.models import CategoryPage, DisclosureItemPage
from cms.taxonomy.models import Organ
from search import query as query_module
from search import service

CATALOGUE_PARAMS = ("category", "organ", "topic", "genre", "year", "validity", "published_after", "published_before")
SEARCH_MAX_HITS = 500
ID_MAX = 2_147_483_647  # ids, offsets: what every database's integer column holds
YEARS = (1900, 2999)
_NOT_A_WORD = re.compile(r"[^\w]+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(request, name: str) -> datetime.date | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        if not _ISO_DATE.match(raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadRequestError(f"{name} must be a date written YYYY-MM-DD, not '{raw[:40]}'") from None


class CatalogueFilterBackend(BaseFilterBackend):
    """?category=&organ=&topic=&genre=&year=&validity=&published_after=&published_before= on disclosure items.

    Any of them restricts the listing to disclosure items (policies, interpretations, reports …) and
    applies cms.disclosure.filters.CatalogueFilter, the same logic as the catalogue pages.
    """

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:

        given = {name: request.GET[name] for name in CATALOGUE_PARAMS if name in request.GET}
        if not given:
            return queryset
        after, before = _date(request, "published_after"), _date(request, "published_before")
        data = {name: value for name, value in given.items() if name not in ("published_after", "published_before")}
        root = Site.find_for_request(request).root_page if Site.find_for_request(request) else Page.get_first_root_node()
        if "category" in data:
            value = data["category"]
            lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
            category = CategoryPage.objects.live().descendant_of(root).filter(**lookup).first()
            if category is None:
                raise NotFound(f"category '{value[:40]}' is not a catalogue category (give its id or slug)")
            data["category"] = str(category.pk)
        if "organ" in data:
            organ = Organ.objects.filter(code=data["organ"]).first()
            if organ is None:
                raise NotFound(f"organ '{data['organ'][:40]}' is not a known organ code")
            data["organ"] = str(organ.pk)
        if "year" in data and not (
            data["year"].isascii() and data["year"].isdigit() and YEARS[0] <= int(data["year"]) <= YEARS[1]
        ):
            raise BadRequestError(f"year must be a year from {YEARS[0]} to {YEARS[1]}, not '{data['year'][:40]}'")
        items = DisclosureItemPage.objects.all()
        catalogue = CatalogueFilter(data, queryset=items, root=root)
        if "year" in data:  # the listing offers only years that have items; the API accepts any year
            catalogue.form.fields["year"].choices = [(data["year"], data["year"])]
        if not catalogue.is_valid():
            name, errors = next(iter(catalogue.errors.items()))
            if name in ("topic", "genre"):  # a well-formed slug that names nothing
                raise NotFound(f"{name} '{str(data.get(name, ''))[:40]}' is not a known {name} slug")
            raise BadRequestError(f"{name}: unknown value '{str(data.get(name, ''))[:40]}' ({' '.join(errors)})")
        items = catalogue.qs
        if after:
            items = items.filter(publication_date__gte=after)
        if before:
            items = items.filter(publication_date__lte=before)
        return queryset.filter(pk__in=items.values("pk"))


class FieldsFilterBackend(FieldsFilter):
    """Wagtail's ?field=value filter, leaving the catalogue parameters to CatalogueFilterBackend."""

    def filter_queryset(self, request, queryset, view):
        catalogue = {name: request.GET[name] for name in CATALOGUE_PARAMS if name in request.GET}
        if not catalogue:
            return super().filter_queryset(request, queryset, view)
        original = request._request.GET
        request._request.GET = original.copy()
        for name in catalogue:
            request._request.GET.pop(name)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


class SiteSearchFilter(BaseFilterBackend):
    """?search= through the site search (jieba-segmented, synonyms): keeps matching pages, best first.

    Wagtail's own API search runs the database backend, which cannot split Chinese words; this uses
    sitesearch.service.search instead and orders by its relevance unless ?order= is given.
    """

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")

        text, _truncated = query_module.clean_text(request.GET["search"])
        words = query_module.parse_words(text)
        if not words:
            return queryset.none()
        ids: list[int] = []
        page = 1
        while len(ids) < SEARCH_MAX_HITS:
            results = service.search(
                query_module.SearchQuery(text=text, words=words, page=page, per_page=query_module.MAX_PER_PAGE)
            )
            ids.extend(hit.page_id for hit in results.hits)
            if not results.hits or page >= results.pages:
                break
            page += 1
        queryset = queryset.filter(pk__in=ids)
        if "order" not in request.GET:
            rank = Case(*[When(pk=pk, then=n) for n, pk in enumerate(ids)], output_field=IntegerField())
            queryset = queryset.order_by(rank)
        return queryset


class CombinableDescendantOfFilter(DescendantOfFilter):
    """Wagtail's ?descendant_of=, which may be given together with ?child_of= (both then apply)."""

    def filter_queryset(self, request, queryset, view):
        parent = getattr(queryset, "_filtered_by_child_of", None)
        if parent is not None:
            del queryset._filtered_by_child_of
        queryset = super().filter_queryset(request, queryset, view)
        if parent is not None:
            queryset._filtered_by_child_of = parent
        return queryset


class OrderingWithOffsetFilter(OrderingFilter):
    """Wagtail's ?order=, where order=random may also be given an offset (a random page of the list)."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("order") == "random":
            return queryset.order_by("?")
        return super().filter_queryset(request, queryset, view)


class SafeSearchFilter(BaseFilterBackend):
    """?search= for images and documents, through Wagtail's search backend given words only (quotes, brackets, NUL
    and the like would be read as query syntax: an FTS5 syntax error on SQLite; upper-case AND/OR/NOT would be
    operators), together with the titles that contain the words (the database backend does not split Chinese).
    Keeps the matches (up to 500), by relevance unless ?order= is given; nothing left to search for: an empty list."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        words = _NOT_A_WORD.sub(" ", request.GET["search"]).lower().split()[: query_module.MAX_WORDS]
        if not words:
            return queryset.none()
        operator = request.GET.get("search_operator", "and")
        base = queryset.model.objects.all()
        found = get_search_backend().search(" ".join(words), base, operator=operator, order_by_relevance=True)
        ids = [obj.pk for obj in found[:SEARCH_MAX_HITS]]
        in_title = [Q(title__icontains=word) for word in words]
        combined = in_title[0]
        for condition in in_title[1:]:
            combined = combined & condition if operator == "and" else combined | condition
        ids += [pk for pk in base.filter(combined).order_by("pk").values_list("pk", flat=True)[:SEARCH_MAX_HITS] if pk not in ids]
        queryset = queryset.filter(pk__in=ids[:SEARCH_MAX_HITS])
        if "order" not in request.GET:
            rank = Case(*[When(pk=pk, then=n) for n, pk in enumerate(ids)], output_field=IntegerField())
            queryset = queryset.order_by(rank)
        return queryset

"""What a feed holds: the site, a listing page (with the catalogue's filters), a page type or a search.

Each resolver turns a request into a FeedSource (title, the HTML page it follows, one page of entries and
the paging numbers) or raises FeedError (400 for bad parameters, 404 for an unknown or empty feed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.disclosure.filters import CatalogueFilter
from cms.disclosure.listing import CatalogueListingMixin
from search import query as query_module
from search import service

PER_PAGE = 20
MAX_SEARCH_IDS = 500  # a listing feed with ?q= follows at most this many search hits


class FeedError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class FeedSource:
    title: str
    link: str  # the HTML page this feed follows (relative or absolute)
    description: str
    pages: list[Page]
    number: int = 1
    num_pages: int = 1
    params: dict[str, str] = field(default_factory=dict)  # query parameters kept on paging links


def content_models() -> list[type[Page]]:
    """The dated page types that make up feeds (disclosed items include policies, interpretations, reports)."""
    names = [
        "disclosure.DisclosureItemPage",
        "news.NewsPage",
        "columns.ColumnArticlePage",
        "press.PressConferencePage",
        "letters.PublishedLetterPage",
    ]
    return [apps.get_model(n) for n in names]


def type_models() -> dict[str, type[Page]]:
    """The page types with a feed of their own, by `app_label.modelname` as /search/ spells them."""
    names = [
        "disclosure.DisclosureItemPage",
        "policy.PolicyPage",
        "policy.InterpretationPage",
        "disclosure.AnnualReportPage",
        "news.NewsPage",
        "columns.ColumnArticlePage",
        "press.PressConferencePage",
        "columns.SpecialColumnPage",
        "letters.PublishedLetterPage",
    ]
    return {apps.get_model(n)._meta.label_lower: apps.get_model(n) for n in names}


def listing_models() -> tuple[type[Page], ...]:
    """Pages that list others and so have a feed: the catalogue and its categories, news, columns, press."""
    names = [
        "home.HomePage",
        "disclosure.CatalogueIndexPage",
        "disclosure.CategoryPage",
        "news.NewsIndexPage",
        "columns.ColumnIndexPage",
        "columns.SpecialColumnPage",
        "columns.ColumnSectionPage",
        "press.PressIndexPage",
        "letters.MailboxPage",
    ]
    return tuple(apps.get_model(n) for n in names)


def is_listing(page: Page | None) -> bool:
    return page is not None and isinstance(page.specific, listing_models())


def dated(queryset: QuerySet) -> QuerySet:
    """Live public content pages, newest first by the date each type shows (发布日期, article date, conference date)."""
    return (
        queryset.live()
        .public()
        .type(*content_models())
        .annotate(
            feed_date=Coalesce(
                "disclosureitempage__publication_date",
                "newspage__date",
                "columnarticlepage__date",
                TruncDate("pressconferencepage__starts_at"),
                "publishedletterpage__replied_date",
                TruncDate("first_published_at"),
            )
        )
        .order_by("-feed_date", "-first_published_at", "-pk")
    )


def page_number(request) -> int:
    raw = request.GET.get("page", "")
    if raw == "":
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise FeedError(400, _("page must be a whole number from 1 up"))
    return int(raw)


def paginate(request, queryset: QuerySet, *, allow_empty: bool) -> tuple[list[Page], int, int]:
    paginator = Paginator(queryset, PER_PAGE, allow_empty_first_page=allow_empty)
    number = page_number(request)
    if paginator.count == 0 and not allow_empty:
        raise FeedError(404, _("Nothing has been published here yet."))
    if number > max(paginator.num_pages, 1):
        raise FeedError(404, _("There is no page %(number)s of this feed.") % {"number": number})
    page = paginator.page(number)
    return list(page.object_list.specific()), number, paginator.num_pages


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise FeedError(404, _("No site is served at this address."))
    return site


def site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or _("Government information")


def whole_site(request) -> FeedSource:
    site = _site(request)
    pages, number, num_pages = paginate(request, dated(Page.objects.descendant_of(site.root_page)), allow_empty=True)
    return FeedSource(
        title=site_name(request),
        link=site.root_page.get_url(request) or "/",
        description=_("The latest information published on %(site)s") % {"site": site_name(request)},
        pages=pages,
        number=number,
        num_pages=num_pages,
    )


def by_type(request, label: str) -> FeedSource:
    model = type_models().get(label.lower())
    if model is None:
        raise FeedError(404, _("There is no feed for the page type “%(type)s”.") % {"type": label})
    site = _site(request)
    if model._meta.label_lower == "columns.specialcolumnpage":
        queryset = model.objects.live().public().descendant_of(site.root_page).order_by("-start_date", "-pk")
    else:
        queryset = dated(Page.objects.descendant_of(site.root_page)).filter(
            content_type__model=model._meta.model_name, content_type__app_label=model._meta.app_label
        )
    pages, number, num_pages = paginate(request, queryset, allow_empty=False)
    name = str(model._meta.verbose_name_plural)
    return FeedSource(
        title=f"{name} - {site_name(request)}",
        link=reverse("search") + f"?type={model._meta.label_lower}",
        description=_("The latest %(type)s published on %(site)s") % {"type": name, "site": site_name(request)},
        pages=pages,
        number=number,
        num_pages=num_pages,
    )


def find_listing(request, path: str) -> Page:
    """The live, public listing page at `path` (its URL path below the site root), or FeedError 404."""
    site = _site(request)
    path = "/".join(p for p in path.split("/") if p)
    url_path = site.root_page.url_path + (path + "/" if path else "")
    page = Page.objects.live().public().filter(url_path=url_path).first()
    if page is None or not is_listing(page):
        raise FeedError(404, _("There is no feed at this address."))
    return page.specific


def _search_ids(request, text: str) -> list[int]:
    """Ids of the pages a search for `text` finds, for a listing feed narrowed with ?q=."""

    ids: list[int] = []
    page = 1
    while len(ids) < MAX_SEARCH_IDS:
        query, _notes = query_module.parse({"q": text, "sort": "date", "per_page": 50, "page": page}, strict=True)
        if query.is_empty:
            raise FeedError(400, _("q holds no searchable words"))
        results = service.search(query)
        ids += [hit.page_id for hit in results.hits]
        if page >= results.pages:
            break
        page += 1
    return ids


def listing(request, path: str) -> FeedSource:

    page = find_listing(request, path)
    params: dict[str, str] = {}
    labels: list[str] = []
    if isinstance(page, CatalogueListingMixin):
        base = page.listing_queryset()
        data = {k: v for k, v in request.GET.items() if k in CatalogueFilter.base_filters and v}
        item_filter = CatalogueFilter(data or None, queryset=base, root=page)
        if data and not item_filter.is_valid():
            name, errors = next(iter(item_filter.errors.items()))
            raise FeedError(400, f"{name}: {' '.join(errors)}")
        queryset = Page.objects.filter(pk__in=item_filter.qs.values("pk"))
        params.update(data)
        for name in data:
            value = item_filter.form.cleaned_data.get(name)
            if name == "validity":
                value = dict(item_filter.filters["validity"].extra["choices"])[value]
            elif name == "year":
                value = f"{value}年"
            labels.append(value.title if isinstance(value, Page) else str(value))
    else:
        queryset = Page.objects.all()
        year = request.GET.get("year", "")
        if year:
            if not (year.isdigit() and 1900 <= int(year) <= 2200):
                raise FeedError(400, _("year must be a year such as 2024"))
            params["year"] = year
            labels.append(f"{year}年")
    queryset = dated(queryset.descendant_of(page))
    if "year" in params and not isinstance(page, CatalogueListingMixin):
        queryset = queryset.filter(feed_date__year=int(params["year"]))
    text = " ".join(request.GET.get("q", "").split())
    if text:
        if len(text) > 100:
            raise FeedError(400, _("q is longer than 100 characters"))
        queryset = queryset.filter(pk__in=_search_ids(request, text))
        params["q"] = text
        labels.append(f"“{text}”")
    pages, number, num_pages = paginate(request, queryset, allow_empty=bool(params))
    title = " · ".join([page.title, *labels])
    return FeedSource(
        title=f"{title} - {site_name(request)}",
        link=page.get_url(request) or "/",
        description=page.summary or page.search_description or title,
        pages=pages,
        number=number,
        num_pages=num_pages,
        params=params,
    )


def search(request) -> FeedSource:

    params = {k: v for k, v in request.GET.items()}
    params.setdefault("sort", "date")
    params["per_page"] = str(PER_PAGE)
    try:
        query, _notes = query_module.parse(params, strict=True)
    except query_module.BadParameter as exc:
        raise FeedError(400, exc.message) from None
    if query.is_empty:
        raise FeedError(400, _("q holds no searchable words"))
    results = service.search(query)
    if query.page > results.pages:
        raise FeedError(404, _("There is no page %(number)s of this feed.") % {"number": query.page})
    by_id = Page.objects.live().public().filter(pk__in=[h.page_id for h in results.hits]).specific().in_bulk()
    pages = [by_id[h.page_id] for h in results.hits if h.page_id in by_id]
    kept = {k: v for k, v in params.items() if k not in ("page", "per_page") and v}
    title = _("Search results for “%(q)s”") % {"q": query.text}
    return FeedSource(
        title=f"{title} - {site_name(request)}",
        link=reverse("search") + "?" + _encode(kept),
        description=title,
        pages=pages,
        number=query.page,
        num_pages=results.pages,
        params=kept,
    )


def _encode(params: dict[str, str]) -> str:

    return urlencode(params)

"""Template tags announcing feeds: <link rel="alternate"> in the head and a visible subscribe link."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from delivery.feeds.sources import is_listing

register = template.Library()

LISTING_PARAMS = ("category", "organ", "topic", "genre", "year", "validity", "q")
SEARCH_PARAMS = ("q", "section", "type", "organ", "topic", "year", "validity", "sort")


def _query(request, names) -> str:
    if request is None:
        return ""
    params = {k: v for k, v in request.GET.items() if k in names and v.strip()}
    return "?" + urlencode(params) if params else ""


def page_feeds(page, request) -> list[dict]:
    """The RSS and Atom feeds of a listing page (with the filters it shows), or [] for other pages."""
    if not is_listing(page):
        return []
    path = page.specific.get_url(request) or ""
    site_root = page.get_site().root_page.get_url(request) if page.get_site() else "/"
    rel = path[len(site_root) :] if site_root and path.startswith(site_root) else path.lstrip("/")
    if not rel:  # the home page: the whole-site feed announces it
        return []
    query = _query(request, LISTING_PARAMS)
    return [
        {"fmt": fmt, "url": reverse("feed_section", args=[fmt, rel]), "query": query, "title": page.title}
        for fmt in ("rss", "atom")
    ]


def search_feeds(request) -> list[dict]:
    query = _query(request, SEARCH_PARAMS)
    if not request or not request.GET.get("q", "").strip():
        return []
    return [
        {
            "fmt": fmt,
            "url": reverse("feed_search", args=[fmt]),
            "query": query,
            "title": _("Search results for “%(q)s”") % {"q": request.GET["q"].strip()},
        }
        for fmt in ("rss", "atom")
    ]


@register.inclusion_tag("feeds/alternate.html", takes_context=True)
def feed_alternates(context):
    """Whole-site feeds on every page, plus the page's own feeds when it is a listing."""
    request = context.get("request")
    site_feeds = [{"fmt": fmt, "url": reverse("feed_site", args=[fmt]), "query": "", "title": ""} for fmt in ("rss", "atom")]
    return {"feeds": site_feeds + page_feeds(context.get("page"), request)}


@register.inclusion_tag("feeds/alternate.html", takes_context=True)
def search_feed_alternates(context):
    return {"feeds": search_feeds(context.get("request"))}


@register.inclusion_tag("feeds/subscribe.html", takes_context=True)
def feed_subscribe(context):
    """A visible subscribe link (RSS / Atom) for a listing page or, on /search/, for the search."""
    request = context.get("request")
    feeds = page_feeds(context.get("page"), request)
    if not feeds and request is not None and request.resolver_match and request.resolver_match.url_name == "search":
        feeds = search_feeds(request)
    return {"feeds": feeds}

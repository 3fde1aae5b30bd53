"""推荐结果: the pages editors pin for a query (BestBet), shown above the results on the first page.

A query matches a best bet when it is one of the bet's search words, spaces and case ignored. Only live public
pages are shown. The map of queries to pages is cached until a best bet changes.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Page

from search.models import BestBet, normalise_query

CACHE_KEY = "sitesearch:bestbets:v1"


def _map() -> dict[str, list[tuple[int, str]]]:
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    mapping: dict[str, list[tuple[int, str]]] = {}
    for bet in BestBet.objects.all():
        for query in bet.query_list:
            mapping.setdefault(query, []).append((bet.page_id, bet.note))
    cache.set(CACHE_KEY, mapping, 300)
    return mapping


def forget() -> None:
    cache.delete(CACHE_KEY)


def for_query(text: str) -> list[dict]:
    """[{'title', 'url', 'note'}] pinned for this query, in the editors' order."""
    pinned = _map().get(normalise_query(text), [])
    if not pinned:
        return []
    pages = Page.objects.live().public().in_bulk([page_id for page_id, _ in pinned])
    out = []
    for page_id, note in pinned:
        page = pages.get(page_id)
        url = page.get_url() if page else None
        if url:
            out.append({"title": page.title, "url": url, "note": note})
    return out

"""Feed views: build (or take from the cache) the feed, then answer conditional GETs with 304."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from delivery.feeds import cache, render, sources
from delivery.feeds.sources import FeedError
from delivery.pagecache.middleware import mark_cacheable


def _error(error: FeedError) -> HttpResponse:
    return HttpResponse(error.message + "\n", status=error.status, content_type="text/plain; charset=utf-8")


def _serve(request, fmt: str, resolve) -> HttpResponse:
    mark_cacheable(request)  # the page cache answers repeat readers first, with the same 304s
    feed_key = cache.key(request, fmt)
    cached = cache.get(feed_key)
    if cached is None:
        try:
            source = resolve()
        except FeedError as error:
            return _error(error)
        feed_url = request.build_absolute_uri(request.path)
        body, updated = render.render(source, fmt, feed_url, request.build_absolute_uri)
        # Last-Modified never goes back: an unpublished entry changes the feed without a newer entry in it.
        _id, changed = cache.latest_change()
        last_modified = max(updated, changed) if changed else updated
        cached = {
            "body": body,
            "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
            "last_modified": int(last_modified.timestamp()),
        }
        cache.put(feed_key, cached)
    response = HttpResponse(cached["body"], content_type=render.FORMATS[fmt])
    response["ETag"] = cached["etag"]
    response["Last-Modified"] = http_date(cached["last_modified"])
    patch_cache_control(response, public=True, max_age=300)
    return get_conditional_response(request, etag=cached["etag"], last_modified=cached["last_modified"], response=response)


@require_GET
def site_feed(request, fmt: str):
    return _serve(request, fmt, lambda: sources.whole_site(request))


@require_GET
def type_feed(request, fmt: str, label: str):
    return _serve(request, fmt, lambda: sources.by_type(request, label))


@require_GET
def search_feed(request, fmt: str):
    return _serve(request, fmt, lambda: sources.search(request))


@require_GET
def section_feed(request, fmt: str, path: str):
    return _serve(request, fmt, lambda: sources.listing(request, path))

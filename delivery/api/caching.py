"""HTTP caching of API answers: ETag from the body, Last-Modified, 304 for a matching conditional request."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag


def latest_modification(data) -> float | None:
    """The newest last_published_at found in the serialised data, as a timestamp (None if there is none)."""
    from django.utils.dateparse import parse_datetime

    stamps = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("last_published_at", "first_published_at", "created_at") and isinstance(item, str):
                    parsed = parse_datetime(item)
                    if parsed:
                        stamps.append(parsed.timestamp())
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return max(stamps) if stamps else None


def conditional(request, response):
    """Add ETag, Last-Modified and Cache-Control to a rendered 200 answer; 304 when the client already has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    modified = latest_modification(getattr(response, "data", None))
    if request.user.is_authenticated:
        cache_control = "private, no-cache"
    else:
        cache_control = f"public, max-age={getattr(settings, 'API_CACHE_MAX_AGE', 60)}"
    if_none_match = request.headers.get("If-None-Match")
    not_modified = False
    if if_none_match is not None:
        not_modified = etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    elif modified and request.headers.get("If-Modified-Since"):
        since = parse_http_date_safe(request.headers["If-Modified-Since"])
        not_modified = since is not None and int(modified) <= since
    if not_modified:
        response = HttpResponseNotModified()
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = cache_control
    patch_vary_headers(response, ("Accept", "Cookie"))
    return response

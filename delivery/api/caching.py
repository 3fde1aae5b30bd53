"""HTTP caching of API answers: ETag from the content generation and the body, Last-Modified, 304 for a matching
conditional request (Django's get_conditional_response)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, quote_etag

from cms.core import changes


def latest_modification(data) -> float | None:
    """The newest last_published_at found in the serialised data, as a timestamp (None if there is none)."""
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
    """Add ETag (the content generation and the body), Last-Modified and Cache-Control to a rendered 200 answer;
    Django's get_conditional_response answers 304 when the client already has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    digest = hashlib.sha256(f"{changes.current()}|".encode() + response.content).hexdigest()[:32]
    etag = quote_etag(digest)
    modified = latest_modification(getattr(response, "data", None))
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = f"public, max-age={getattr(settings, 'API_CACHE_MAX_AGE', 60)}"
    patch_vary_headers(response, ("Accept", "Cookie"))
    return get_conditional_response(request, etag=etag, last_modified=int(modified) if modified else None, response=response)

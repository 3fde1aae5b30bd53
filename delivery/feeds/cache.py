"""Cached feed bodies, keyed by the content generation (cms/core/changes.py) that every publish, unpublish, move,
delete and watched snippet change moves; and the time of Wagtail's latest page log entry, for Last-Modified."""

from __future__ import annotations

import datetime
import hashlib

from django.core.cache import cache
from wagtail.models import PageLogEntry

from cms.core import changes

TIMEOUT = 60 * 60


def latest_change() -> tuple[int, datetime.datetime | None]:
    """The id and time of the latest entry in Wagtail's page history (every publish, unpublish, move, delete and
    privacy change writes one): a feed's Last-Modified is never older, as an unpublished entry leaves no newer one."""
    row = PageLogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    return row if row else (0, None)


def key(request, fmt: str) -> str:
    """Taken once, before the feed is read: a feed built before a change is never stored under the new generation."""
    params = sorted(request.GET.lists())
    raw = f"{fmt}|{request.get_host()}|{request.path}|{params}"
    return f"feeds:{changes.current()}:{hashlib.sha1(raw.encode()).hexdigest()}"


def get(feed_key: str):
    return cache.get(feed_key)


def put(feed_key: str, value) -> None:
    cache.set(feed_key, value, timeout=TIMEOUT)

"""Cached feed bodies, keyed by a generation number that every publish, unpublish, move or delete bumps.

The key also holds the id of Wagtail's latest page log entry (every publish, unpublish, move, delete and
privacy change writes one), so processes that do not share a cache still see a change at once.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.cache import cache

GENERATION_KEY = "feeds:generation"
TIMEOUT = 60 * 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump(**kwargs) -> None:
    """Invalidate every cached feed at once: the next request builds them from the database."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(GENERATION_KEY, 2, timeout=None)


def latest_change() -> tuple[int, datetime.datetime | None]:
    """The id and time of the latest entry in Wagtail's page history."""
    from wagtail.models import PageLogEntry

    row = PageLogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    return row if row else (0, None)


def key(request, fmt: str) -> str:
    params = sorted(request.GET.lists())
    raw = f"{fmt}|{request.get_host()}|{request.path}|{params}"
    return f"feeds:{generation()}:{latest_change()[0]}:{hashlib.sha1(raw.encode()).hexdigest()}"


def get(request, fmt: str):
    return cache.get(key(request, fmt))


def put(request, fmt: str, value) -> None:
    cache.set(key(request, fmt), value, timeout=TIMEOUT)


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump, dispatch_uid="feeds_published")
    page_unpublished.connect(bump, dispatch_uid="feeds_unpublished")
    post_page_move.connect(bump, dispatch_uid="feeds_moved")
    post_delete.connect(_page_deleted, dispatch_uid="feeds_deleted")
    post_save.connect(bump, sender=PageViewRestriction, dispatch_uid="feeds_restriction_saved")
    post_delete.connect(bump, sender=PageViewRestriction, dispatch_uid="feeds_restriction_deleted")

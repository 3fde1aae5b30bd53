"""The live public pages, as their specific types, a batch at a time: what the content scans and the link check read."""

from __future__ import annotations

from wagtail.models import Page

BATCH = 500


def live_pages():
    ids = list(Page.objects.live().public().filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield from Page.objects.filter(pk__in=ids[start : start + BATCH]).order_by("path").specific()

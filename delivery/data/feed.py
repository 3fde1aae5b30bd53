"""The RSS 2.0 / Atom feed of new releases of open datasets (/feeds/data/rss/, /feeds/data/atom/), built with
feedgen; shared and staff-only datasets never appear in it."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import quote_etag
from feedgen.feed import FeedGenerator
from wagtail.models import Site

from cms.datasets.models import Access, Release

ENTRIES = 30


def releases_feed(request, kind: str):
    if kind not in ("rss", "atom"):
        raise Http404
    releases = list(
        Release.objects.filter(
            status=Release.Status.PUBLISHED,
            dataset__live=True,
            dataset__access=Access.OPEN,
            dataset__view_restrictions__isnull=True,
        )
        .select_related("dataset")
        .order_by("-published_at", "-pk")[:ENTRIES]
    )
    site = Site.find_for_request(request)
    home = request.build_absolute_uri("/")
    feed = FeedGenerator()
    feed.id(request.build_absolute_uri("/feeds/data/atom/"))
    feed.title(f"{site.site_name if site else ''}数据开放：新发布的数据")
    feed.link(href=request.build_absolute_uri(request.path), rel="self")
    feed.link(href=home, rel="alternate")
    feed.description("数据集的新版本")
    feed.language("zh-CN")
    for release in reversed(releases):
        page = release.dataset
        url = page.get_full_url(request) or home
        entry = feed.add_entry()
        entry.id(f"{url}releases/{release.key}/")
        entry.title(f"{page.title}（{release.key}）")
        entry.link(href=f"{url}releases/{release.key}/")
        text = f"{release.release_date:%Y年%-m月%-d日}发布，{release.row_count} 行。{release.note}"
        entry.summary(text)
        entry.description(text)
        published = release.published_at or timezone.make_aware(datetime.datetime.combine(release.release_date, datetime.time()))
        entry.published(published)
        entry.updated(published)
    feed.updated(releases[0].published_at if releases else timezone.now())
    body = feed.atom_str(pretty=True) if kind == "atom" else feed.rss_str(pretty=True)
    response = HttpResponse(body, content_type=f"application/{kind}+xml; charset=utf-8")
    import hashlib

    response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    if request.headers.get("If-None-Match") == response["ETag"]:
        return HttpResponse(status=304, headers={"ETag": response["ETag"]})
    response["Cache-Control"] = "public, max-age=300"
    return response

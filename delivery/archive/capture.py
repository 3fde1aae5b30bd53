"""Archiving a published version of a page: render that revision as an anonymous visitor gets it, find the files the
HTML shows (images, attachments, stylesheets, scripts, the icon, and what the stylesheets load), read them from the
site's own storage, and write everything as one gzipped WARC file (warcio): a response and a metadata record for the
page, a response record for each file not yet archived this year, a revisit record for a file that has not changed.
Files on other hosts are not fetched (the archive holds the site's own pages)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import mimetypes
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from .models import Capture, Pending, Resource

MAX_ATTEMPTS = 5
SOFTWARE = "govcms web archive (warcio)"


@dataclass
class Fetched:
    url: str
    body: bytes
    content_type: str


def payload_digest(body: bytes) -> str:
    """The WARC payload digest as warcio writes it: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


# -- the page ----------------------------------------------------------------------------------------------


def render(page: Page) -> tuple[str, int, list[tuple[str, str]], bytes]:
    """The page (a revision's object) as an anonymous visitor gets it: (absolute URL, status, headers, body)."""
    _site_id, root_url, path = page.get_url_parts()
    parts = urlsplit(root_url)
    request = RequestFactory().get(path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https")
    request.user = AnonymousUser()
    request.session = {}
    with translation.override(settings.LANGUAGE_CODE):
        request.LANGUAGE_CODE = translation.get_language()
        response = page.serve(request)
        if hasattr(response, "render"):
            response.render()
    headers = [(k, v) for k, v in response.items() if k.lower() in ("content-type", "content-language", "last-modified")]
    return root_url + path, response.status_code, headers, response.content


class _Links(HTMLParser):
    """The addresses of the files an HTML page shows or offers for download."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("img", "source", "video", "audio", "track", "script", "embed"):
            for name in ("src", "poster"):
                if attrs.get(name):
                    self.urls.append(attrs[name])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.split()[0])
        elif tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "apple-touch-icon", "preload"} & set(rel):
                self.urls.append(attrs["href"])
        elif tag == "a" and attrs.get("href") and "/documents/" in attrs["href"]:
            self.urls.append(attrs["href"])


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return list(dict.fromkeys(parser.urls))


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def links_in_css(css: str) -> list[str]:
    return [u for u in CSS_URL.findall(css) if not u.startswith("data:")]


# -- the files, from the site's own storage ------------------------------------------------------------------


def _read(storage, name: str) -> bytes | None:
    try:
        if not storage.exists(name):
            return None
        with storage.open(name, "rb") as f:
            return f.read()
    except (OSError, ValueError):
        return None


def local_file(url: str, root_url: str) -> Fetched | None:
    """The bytes behind a same-site address of a static file, a media file (images, renditions) or a public document."""
    media_url = settings.MEDIA_URL
    path = unquote(urlsplit(url).path) if url.startswith(root_url) else None
    body = None
    if media_url.startswith(("http://", "https://")) and url.startswith(media_url):
        body = _read(default_storage, unquote(url[len(media_url) :]))
    elif path is None:
        return None  # another host's file: not ours to archive
    elif path.startswith(settings.STATIC_URL):
        name = path[len(settings.STATIC_URL) :]
        body = _read(staticfiles_storage, name)
        if body is None:
            found = finders.find(name)
            if found:
                with open(found, "rb") as f:
                    body = f.read()
    elif path.startswith(media_url):
        body = _read(default_storage, path[len(media_url) :])
    elif match := re.match(r"^/documents/(\d+)/", path):
        document = get_document_model().objects.filter(pk=int(match.group(1))).select_related("collection").first()
        if document is not None and not document.collection.get_view_restrictions().exists():
            body = _read(document.file.storage, document.file.name)
    if body is None:
        return None
    content_type = mimetypes.guess_type(path or url)[0] or "application/octet-stream"
    return Fetched(url, body, content_type)


def files_shown(html: str, page_url: str, root_url: str) -> list[Fetched]:
    """Every same-site file the page shows, and the files its stylesheets load."""
    seen: set[str] = set()
    out: list[Fetched] = []
    todo = [urljoin(page_url, u) for u in links_in(html)]
    while todo:
        url = todo.pop(0).split("#", 1)[0]
        if url in seen:
            continue
        seen.add(url)
        fetched = local_file(url, root_url)
        if fetched is None:
            continue
        out.append(fetched)
        if fetched.content_type == "text/css":
            todo += [urljoin(url, u) for u in links_in_css(fetched.body.decode("utf-8", "replace"))]
    return out


# -- the WARC file -------------------------------------------------------------------------------------------


def _http(status: int, headers: Iterable[tuple[str, str]]) -> StatusAndHeaders:
    reason = {200: "OK", 404: "Not Found"}.get(status, "")
    return StatusAndHeaders(f"{status} {reason}".strip(), list(headers), protocol="HTTP/1.1")


def warcinfo(writer: WARCWriter, filename: str, **fields) -> None:
    info = {"software": SOFTWARE, "format": "WARC File Format 1.1", "conformsTo": "DA/T 80-2019", **fields}
    writer.write_record(writer.create_warcinfo_record(filename, info))


def capture(page: Page, revision: Revision | None, now: dt.datetime | None = None) -> Capture:
    """Archive `page` as `revision` shows it (the live page when None)."""
    obj = revision.as_object() if revision is not None else page.specific
    url, status, headers, body = render(obj)
    root_url = obj.get_url_parts()[1]
    now = now or timezone.now()
    warc_date = datetime_to_iso_date(now)
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    response = writer.create_warc_record(
        url, "response", payload=BytesIO(body), http_headers=_http(status, headers), warc_headers_dict={"WARC-Date": warc_date}
    )
    writer.write_record(response)
    metadata = {
        "page_id": page.pk,
        "revision_id": revision.pk if revision else None,
        "title": obj.title,
        "page_type": obj._meta.label_lower,
        "first_published_at": obj.first_published_at.isoformat() if obj.first_published_at else None,
        "published_at": (revision.created_at if revision else obj.last_published_at or now).isoformat(),
        "index_number": getattr(obj, "index_number", None),
    }
    writer.write_record(
        writer.create_warc_record(
            url,
            "metadata",
            payload=BytesIO(json.dumps(metadata, ensure_ascii=False).encode()),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")},
        )
    )
    files = files_shown(body.decode("utf-8", "replace"), url, root_url) if status == 200 else []
    year = timezone.localtime(now).year
    with transaction.atomic():
        for fetched in files:
            digest = payload_digest(fetched.body)
            http = _http(200, [("Content-Type", fetched.content_type), ("Content-Length", str(len(fetched.body)))])
            earlier = Resource.objects.filter(year=year, url=fetched.url, digest=digest).first()
            if earlier is not None:
                record = writer.create_revisit_record(
                    fetched.url,
                    digest,
                    fetched.url,
                    earlier.warc_date,
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": warc_date},
                )
            else:
                record = writer.create_warc_record(
                    fetched.url,
                    "response",
                    payload=BytesIO(fetched.body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": warc_date},
                )
                Resource.objects.create(year=year, url=fetched.url, digest=digest, warc_date=warc_date)
            writer.write_record(record)
        data = buf.getvalue()
        archived = Capture(
            page_id=page.pk,
            revision_id=revision.pk if revision else None,
            title=obj.title[:255],
            url=url[:1000],
            captured_at=now,
            year=year,
            size=len(data),
            resources=len(files),
            digest=hashlib.sha256(body).hexdigest(),
        )
        archived.warc.save(
            f"{now:%Y%m%dT%H%M%S}-{page.pk}-{revision.pk if revision else 'live'}.warc.gz", ContentFile(data), save=False
        )
        archived.save()
    return archived


# -- the queue -----------------------------------------------------------------------------------------------


def queue_live(pages: Iterable[Page] | None = None) -> int:
    """Queue the live version of every live page (or of `pages`): the archive of everything published now."""
    if pages is None:
        pages = Page.objects.none()
        for site in Site.objects.select_related("root_page"):
            pages |= Page.objects.live().descendant_of(site.root_page, inclusive=True)
    rows = [Pending(page_id=p.pk, revision_id=p.live_revision_id) for p in pages]
    Pending.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def pending() -> Iterator[Pending]:
    return Pending.objects.filter(attempts__lt=MAX_ATTEMPTS).iterator()


def process(item: Pending) -> Capture | None:
    """Archive one queued publication; a page deleted before its turn, a revision gone or a page on no site is dropped. A failure
    stays queued with its error and is tried again on the next run (at most MAX_ATTEMPTS times)."""
    page = Page.objects.filter(pk=item.page_id).first()
    revision = Revision.page_revisions.filter(pk=item.revision_id).first() if item.revision_id else None
    if page is None or (item.revision_id and revision is None) or page.get_url_parts() is None:
        item.delete()  # deleted, or on no site (nobody could visit it)
        return None
    try:
        archived = capture(page.specific, revision)
    except Exception as exc:  # kept with its error for the staff's list and the next run
        Pending.objects.filter(pk=item.pk).update(attempts=item.attempts + 1, error=f"{type(exc).__name__}: {exc}"[:2000])
        return None
    item.delete()
    return archived


def year_stream(year: int, site_name: str = "") -> Iterator[bytes]:
    """A year's archive as one .warc.gz: a warcinfo record, then every capture of the year in order (gzip members
    concatenate, and so do WARC files)."""
    buf = BytesIO()
    filename = f"webarchive-{year}.warc.gz"
    warcinfo(WARCWriter(buf, gzip=True), filename, description=f"{site_name} {year}".strip(), year=str(year))
    yield buf.getvalue()
    for archived in Capture.objects.filter(year=year).order_by("captured_at", "pk").iterator():
        with archived.warc.open("rb") as f:
            while chunk := f.read(1 << 16):
                yield chunk

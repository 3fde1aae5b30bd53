"""One feed entry per page: title, link, summary, dates, organ, categories and enclosures."""

from __future__ import annotations

import datetime
import mimetypes
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import Truncator
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.models import Page

from search.documents import body_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUMMARY_CHARS = 200


@dataclass
class Enclosure:
    url: str
    length: int
    mime_type: str
    title: str = ""


@dataclass
class Entry:
    title: str
    url: str
    summary: str
    published: datetime.datetime
    updated: datetime.datetime
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    enclosures: list[Enclosure] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)  # (url, title): e.g. a hosted video page


def _aware(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, SHANGHAI)


def published_at(page: Page) -> datetime.datetime:
    """The moment a reader takes as the publication: a conference's start, an item's 发布日期, else first publication."""
    starts_at = getattr(page, "starts_at", None)
    if starts_at:
        return _aware(starts_at)
    first = _aware(page.first_published_at) if page.first_published_at else None
    day = getattr(page, "display_date", None)
    if isinstance(day, datetime.date):
        if first and first.date() == day:
            return first
        return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=SHANGHAI)
    return first or _aware(page.last_published_at or timezone.now())


def updated_at(page: Page) -> datetime.datetime:
    published = published_at(page)
    last = _aware(page.last_published_at) if page.last_published_at else published
    return max(published, last)


def summary(page: Page) -> str:

    text = getattr(page, "summary", "") or page.search_description
    if not text:
        text = body_text(page)
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def _section(page: Page) -> str:
    """The title of the page's top-level section (the ancestor just under the home page)."""
    ancestors = page.get_ancestors().filter(depth=3).only("title")
    first = ancestors.first()
    return first.title if first else ""


def categories(page: Page) -> list[str]:
    names = [getattr(page, "topic", None), getattr(page, "genre", None)]
    result = [n.name for n in names if n is not None]
    parent = page.get_parent()
    if parent is not None and parent.depth > 2:
        result.append(parent.title)
    section = _section(page)
    if section and section not in result:
        result.append(section)
    return result


def authors(page: Page) -> list[str]:
    organ = getattr(page, "organ", None)
    if organ is not None:  # a catalogue item may have co-issuing organs; a dataset has its publishing organ only
        co_organs = page.co_organs.all() if hasattr(page, "co_organs") else []
        return [organ.name] + [o.name for o in co_organs if o.pk != organ.pk]
    source = getattr(page, "source", "")
    return [source] if source else []


def _stream_documents(value) -> list:
    """Documents in a StreamField value: DocumentLinkBlock structs and bare document choosers."""

    found = []
    for child in value or []:
        block_value = child.value
        if isinstance(block_value, AbstractDocument):
            found.append((block_value, ""))
        elif hasattr(block_value, "get") and isinstance(block_value.get("document"), AbstractDocument):
            found.append((block_value["document"], block_value.get("title") or ""))
    return found


def documents(page: Page) -> list:
    """(document, label) pairs attached to the page: catalogue attachments, body documents, videos."""

    found = []
    if hasattr(page, "attachments"):
        found += [(a.document, a.label) for a in page.attachments.select_related("document")]
    for f in page._meta.get_fields():
        if isinstance(f, StreamField):
            found += _stream_documents(getattr(page, f.name))
    video = getattr(page, "video", None)
    if video is not None:
        found.append((video, video.title))
    return found


def enclosure(document, label: str, absolute) -> Enclosure | None:
    try:
        length = document.get_file_size() or 0
    except OSError:  # the file is gone from storage: leave it out rather than announce a broken link
        return None
    mime = document.content_type or mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    return Enclosure(url=absolute(document.url), length=int(length), mime_type=mime, title=label or document.title)


def build(page: Page, absolute) -> Entry:
    """`absolute` turns a site-relative URL into an absolute one for the current request."""
    enclosures: list[Enclosure] = []
    seen: set[int] = set()
    for document, label in documents(page):
        if document.pk in seen:
            continue
        seen.add(document.pk)
        item = enclosure(document, label, absolute)
        if item:
            enclosures.append(item)
    related = []
    if getattr(page, "video_url", ""):
        related.append((page.video_url, "视频"))
    return Entry(
        title=page.title,
        url=absolute(page.get_url()),
        summary=summary(page),
        published=published_at(page),
        updated=updated_at(page),
        authors=authors(page),
        categories=categories(page),
        enclosures=enclosures,
        related=related,
    )

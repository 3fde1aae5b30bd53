"""One search document per live public page: display fields, plain text of every text field, metadata, facets, attachments."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from search.attachments import document_text

# Page fields that are not text a reader searches for.
_SKIP_FIELDS = {
    "title",
    "slug",
    "url_path",
    "seo_title",
    "search_description",
    "draft_title",
    "path",
    "locked_by",
    "latest_revision",
    "live_revision",
    "content_type",
    "owner",
    "locale",
    "translation_key",
    "index_number",
    "document_number",
    "keywords",
    "summary",
    "video_url",
    "url",
}


@dataclass
class SearchDoc:
    page_id: int
    url: str
    title: str
    summary: str = ""
    body: str = ""
    meta: str = ""
    attachment_text: str = ""
    index_number: str = ""
    document_number: str = ""
    page_type: str = ""
    section: str = ""
    organ: str = ""
    topic: str = ""
    year: int | None = None
    validity: str = ""
    expiry_date: datetime.date | None = None
    date: datetime.date | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _plain(value) -> str:
    """Plain text as it is: whitespace collapsed, nothing stripped (a summary may well say 3<5)."""
    return " ".join(str(value or "").split())


def _rich(value) -> str:
    """Rich text (HTML) as the words a reader sees: tags dropped, entities decoded."""
    return _plain(get_text_for_indexing(str(value or "")))


def _stream_text(stream_value) -> str:
    """StreamField text via the blocks' own searchable content (rich text blocks already give plain text)."""
    try:
        parts = stream_value.stream_block.get_searchable_content(stream_value)
    except Exception:  # a block without searchable content must not stop the page
        parts = []
    return " ".join(_plain(p) for p in parts if p)


def body_text(page: Page) -> str:
    """Every text, rich text and StreamField field of the page's own model, as plain text."""
    parts: list[str] = []
    for f in page._meta.concrete_fields:
        if f.name in _SKIP_FIELDS or f.model is Page or getattr(f, "choices", None):
            continue
        value = getattr(page, f.attname, None)
        if isinstance(f, StreamField):
            parts.append(_stream_text(value))
        elif isinstance(f, RichTextField):
            parts.append(_rich(value))
        elif isinstance(f, models.TextField | models.CharField) and not isinstance(f, models.URLField):
            parts.append(_plain(value))
    return " ".join(p for p in parts if p)


def display_date(page: Page) -> datetime.date | None:
    value = getattr(page, "display_date", None)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if value is None and page.first_published_at:
        value = timezone.localtime(page.first_published_at).date()
    return value


def section_slug(page: Page) -> str:
    """The slug of the page's top-level section (the ancestor just under the home page); '' for the home page."""
    parts = [p for p in (page.url_path or "").split("/") if p]
    return parts[1] if len(parts) >= 2 else ""


def build(page: Page) -> SearchDoc | None:
    """The search document of a page, or None when the page must not be found (not live, private, no URL)."""
    page = page.specific
    if not page.live or page.get_view_restrictions().exists():
        return None
    url = page.get_url()
    if not url:
        return None
    doc = SearchDoc(
        page_id=page.pk,
        url=url,
        title=page.title,
        summary=_plain(getattr(page, "summary", "")),
        body=body_text(page),
        page_type=page._meta.label_lower,
        section=section_slug(page),
        date=display_date(page),
    )
    meta: list[str] = [page.search_description or ""]
    if hasattr(page, "index_number"):  # a disclosed item (and policies, interpretations, reports)
        doc.index_number = page.index_number or ""
        doc.document_number = page.document_number or ""
        doc.organ = page.organ.code if page.organ_id else ""
        doc.topic = page.topic.slug if page.topic_id else ""
        doc.validity = page.current_validity
        doc.expiry_date = page.expiry_date
        meta += [doc.index_number, doc.document_number, page.keywords]
        meta += [o.name for o in [page.organ, *page.co_organs.all()] if o]
        meta += [page.topic.name if page.topic_id else "", page.genre.name if page.genre_id else ""]
        docs = [a.document for a in page.attachments.select_related("document")]
        meta += [a.label for a in page.attachments.all()]
        doc.attachment_text = " ".join(t for t in (document_text(d) for d in docs) if t)
    for speaker in getattr(page, "speakers", None).all() if hasattr(page, "speakers") else []:
        meta += [speaker.name, speaker.title]
    for photo in getattr(page, "photos", None).all() if hasattr(page, "photos") else []:
        meta.append(photo.caption)
    doc.meta = " ".join(m for m in meta if m)
    doc.year = doc.date.year if doc.date else None
    return doc


def live_pages():
    """Every page that should be in the index (live, public, under a site root), one query per page type later."""
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")

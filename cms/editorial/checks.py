"""Pre-publication checks of a page: sensitive words, broken internal links, dead external links, missing catalogue
metadata and images without alt text. `check_page(page)` returns every problem, in words an editor understands;
`collect_references(page)` is what the page links to (the site health link check reads it too)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from cms.disclosure.models import DisclosureItemPage
from govcms.links.probe import Prober, own_hosts

# Text fields that are machinery, not prose a visitor reads.
SKIPPED_TEXT_FIELDS = {"path", "url_path", "slug", "draft_title", "index_number", "document_number"}
# Image fields shown as decoration (with alt=""): they need no alt text.
DECORATIVE_IMAGE_FIELDS = {"banner"}


@dataclass(frozen=True)
class Problem:
    kind: str  # "word", "link", "metadata", "alt" or "figures"
    message: str
    field: str = ""  # the page form's field at fault ("body", "photos" …), marked in the editor; "" when none

    def __str__(self) -> str:
        return self.message


class Label(str):
    """A field's label as an editor reads it ("发布会照片 · 图片"), knowing the page form's field it belongs to (for an
    inline child, the inline panel's relation), so that a problem found there can mark that field; for an image, also
    the label of the caption written beside it, when there is one (a remedy within the page itself)."""

    field: str = ""
    caption: str = ""

    def __new__(cls, text: str, field: str) -> Label:
        label = super().__new__(cls, text)
        label.field = field
        return label


def _field(label: str) -> str:
    return getattr(label, "field", "")


def check_page(page: Page) -> list[Problem]:
    """Every problem that stops `page` (a specific page, saved or not) from being published."""
    page = page.specific if type(page) is Page else page
    problems = _check_words(page)
    problems += _check_metadata(page)
    problems += _check_own(page)
    problems += _check_references(page)
    problems += [Problem("figures", message) for message in _figure_problems(page)]
    return list(dict.fromkeys(problems))  # one line per distinct problem, in order


# -- what the page holds ----------------------------------------------------------------------------------


def _label(field: models.Field) -> str:
    return str(field.verbose_name)


def _texts(obj: models.Model, prefix: str = "", relation: str = "") -> Iterator[tuple[Label, str]]:
    """(field label, plain text) for every piece of prose held by `obj` and its inline children (`relation`: the
    inline panel they are edited in)."""
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_TEXT_FIELDS or field.choices:
            continue
        value = field.value_from_object(obj)
        if not value:
            continue
        label = Label(prefix + _label(field), relation or field.name)
        if isinstance(field, StreamField):
            yield label, " ".join(str(t) for t in field.get_searchable_content(value) if t)
        elif isinstance(field, RichTextField):
            yield label, get_text_for_indexing(str(value))
        elif isinstance(field, (models.CharField, models.TextField)):
            yield label, str(value)
    for child_relation, child_prefix in _relations(obj):
        name = child_relation.get_accessor_name()
        for child in getattr(obj, name).all():
            yield from _texts(child, prefix=child_prefix, relation=relation or name)


# -- sensitive words -------------------------------------------------------------------------------------


def sensitive_words(page: Page) -> list[Problem]:
    """The sensitive words in a (specific) page, as the pre-publication check finds them: site health scans the
    pages already published with it."""
    return _check_words(page)


def _check_words(page: Page) -> list[Problem]:
    # The models by name: models.py (the approval task) runs these checks, so this module cannot import it.
    words = list(apps.get_model("editorial", "SensitiveWord").objects.values_list("word", "replacement"))
    if not words:
        return []
    problems = []
    for label, text in _texts(page):
        for word, replacement in words:
            if word and word in text:
                if replacement:
                    message = _("%(field)s contains the sensitive word “%(word)s”; write “%(replacement)s” instead.") % {
                        "field": label,
                        "word": word,
                        "replacement": replacement,
                    }
                else:
                    message = _("%(field)s contains the sensitive word “%(word)s”; remove it.") % {"field": label, "word": word}
                problems.append(Problem("word", message, _field(label)))
    return problems


# -- a page type's own rules ------------------------------------------------------------------------------


def _check_own(page: Page) -> list[Problem]:
    """What a page type says stops it from being published (`publication_problems()`, e.g. a service guide
    missing a key element: each a message, or a (form field, message) pair), read by name so that no section app is
    imported here."""
    own = getattr(page, "publication_problems", None)
    if not callable(own):
        return []
    return [
        Problem("metadata", str(item[1]), item[0]) if isinstance(item, tuple) else Problem("metadata", str(item))
        for item in own()
    ]


# -- required metadata of catalogue items ---------------------------------------------------------------


def _check_metadata(page: Page) -> list[Problem]:

    if not isinstance(page, DisclosureItemPage):
        return []
    problems = []

    def missing(name: str) -> None:
        problems.append(
            Problem(
                "metadata",
                _("The required metadata “%(field)s” is missing.") % {"field": _label(page._meta.get_field(name))},
                name,
            )
        )

    fields = {f.name: f for f in page._meta.concrete_fields}
    for name in ("organ", "topic", "genre", "publication_date", "policy"):  # policy: of an interpretation
        if name in fields and fields[name].value_from_object(page) in (None, ""):
            missing(name)  # the admin form asks for them, but imported or scripted items may lack them
    if page.genre_id and page.genre_id in _document_number_genres():
        for name in ("document_number", "date_written"):
            if not getattr(page, name):
                problems.append(
                    Problem(
                        "metadata",
                        _("A “%(genre)s” needs its “%(field)s”.")
                        % {"genre": page.genre.name, "field": _label(page._meta.get_field(name))},
                        name,
                    )
                )
    return problems


def _figure_problems(page: Page) -> list[str]:
    """An annual report whose tables do not add up (received + carried over = handled + carried forward)."""
    figure_problems = getattr(page, "figure_problems", None)
    return figure_problems() if callable(figure_problems) else []


def _document_number_genres() -> set[int]:
    settings = apps.get_model("editorial", "PublishingChecks").load()
    return set(settings.document_number_genres.values_list("pk", flat=True))


# -- links, documents and images -------------------------------------------------------------------------


@dataclass
class _Refs:
    """What the page refers to, by model, with the field label where each reference was found."""

    pages: list[tuple[str, int]]
    documents: list[tuple[str, int]]
    images: list[tuple[str, int, bool]]  # (label, id, needs the image's own description as alt text)
    missing_alt: list[str]  # labels of rich-text or block images with no alt text
    urls: list[tuple[str, str]] = None  # (label, address) of links written as addresses (http, https)

    def __post_init__(self) -> None:
        if self.urls is None:
            self.urls = []


def collect_references(page: Page) -> _Refs:
    """Everything `page` (a specific page) links to or shows: pages, documents, images and written addresses."""
    refs = _Refs([], [], [], [])
    _collect(page, refs, "")
    return refs


def _check_references(page: Page) -> list[Problem]:
    refs = collect_references(page)
    problems = [
        Problem("alt", _("An image in %(field)s has no alt text.") % {"field": label}, _field(label))
        for label in refs.missing_alt
    ]

    page_ids = {pk for _, pk in refs.pages if pk != page.pk}
    found = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).only("id", "title", "live")}
    for label, pk in refs.pages:
        if pk == page.pk:
            continue
        target = found.get(pk)
        if target is None:
            problems.append(
                Problem(
                    "link",
                    _("%(field)s links to a page that no longer exists (id %(id)s).") % {"field": label, "id": pk},
                    _field(label),
                )
            )
        elif not target.live:
            problems.append(
                Problem(
                    "link",
                    _("%(field)s links to the page “%(title)s”, which is not published.")
                    % {"field": label, "title": target.title},
                    _field(label),
                )
            )

    documents = set(get_document_model().objects.filter(pk__in={pk for _, pk in refs.documents}).values_list("pk", flat=True))
    for label, pk in refs.documents:
        if pk not in documents:
            problems.append(
                Problem(
                    "link",
                    _("%(field)s links to a document that no longer exists (id %(id)s).") % {"field": label, "id": pk},
                    _field(label),
                )
            )

    images = {i.pk: i for i in get_image_model().objects.filter(pk__in={pk for _, pk, _ in refs.images})}
    for label, pk, needs_description in refs.images:
        image = images.get(pk)
        if image is None:
            problems.append(
                Problem(
                    "link",
                    _("%(field)s shows an image that no longer exists (id %(id)s).") % {"field": label, "id": pk},
                    _field(label),
                )
            )
        elif needs_description and not (image.description or "").strip():
            problems.append(Problem("alt", _missing_description(image, label), _field(label)))
    return problems + _check_addresses(refs)


def _missing_description(image, label: str) -> str:
    """Advice for an image whose alt text would come from the image library's description, which is empty: first what
    the editor can do on this page (the caption beside it, or another image), then who can fill in the description
    (whoever may edit that image: often its uploader, not the editor of this page)."""
    description = _label(get_image_model()._meta.get_field("description"))
    caption = getattr(label, "caption", "")
    if caption:
        return _(
            "The image “%(title)s” in %(field)s has no text for visitors who cannot see it: write its “%(caption)s” on "
            "this page, or ask whoever uploaded the image to fill in its “%(description)s” in the image library."
        ) % {"title": image.title, "field": label, "caption": caption, "description": description}
    return _(
        "The image “%(title)s” in %(field)s has no text for visitors who cannot see it: ask whoever uploaded the image "
        "to fill in its “%(description)s” in the image library, or choose an image that has one."
    ) % {"title": image.title, "field": label, "description": description}


def _check_addresses(refs: _Refs) -> list[Problem]:
    """Written addresses that are dead (404/410, no such host, refused, a redirect loop), checked within
    EDITORIAL_LINK_CHECK_SECONDS in all (0: not at all); an answer is remembered for an hour, so that saving,
    submitting and approving do not ask again. An address that could not be checked in time is not reported."""
    budget = getattr(settings, "EDITORIAL_LINK_CHECK_SECONDS", 10)
    urls = list(dict.fromkeys(url for _, url in refs.urls))
    if not budget or not urls:
        return []
    keys = {url: "editorial:link:" + hashlib.sha256(url.encode()).hexdigest() for url in urls}
    known = cache.get_many(list(keys.values()))
    dead = {url for url in urls if known.get(keys[url]) == "dead"}
    unknown = [url for url in urls if keys[url] not in known]
    if unknown:
        prober = Prober(allowed_hosts=own_hosts(), timeout=(min(5.0, budget), min(8.0, budget)), retries=1, backoff=0.5)
        outcomes = prober.check_many(unknown, deadline=time.monotonic() + budget)
        remember = {}
        for url, outcome in outcomes.items():
            if outcome.skipped:
                continue
            remember[keys[url]] = "dead" if outcome.dead else "alive"
            if outcome.dead:
                dead.add(url)
        cache.set_many(remember, 3600)
    return [
        Problem(
            "link",
            _("%(field)s links to %(url)s, which cannot be reached (a dead link).") % {"field": label, "url": url},
            _field(label),
        )
        for label, url in refs.urls
        if url in dead
    ]


def _pk(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _collect(obj: models.Model, refs: _Refs, prefix: str, relation: str = "") -> None:
    """What `obj` refers to; `relation` is the inline panel `obj` is edited in (empty for the page itself)."""
    page_model, doc_model, image_model = Page, get_document_model(), get_image_model()
    for field in obj._meta.concrete_fields:
        if not isinstance(field, (StreamField, RichTextField, models.URLField, models.ForeignKey)):
            continue  # the label is worked out only for fields that can refer to something (gettext is not free)
        label = Label(prefix + _label(field), relation or field.name)
        if isinstance(field, StreamField):
            value = field.value_from_object(obj)
            if value:
                _walk_block(field.stream_block, list(value.raw_data), refs, label)
        elif isinstance(field, RichTextField):
            _rich_text(field.value_from_object(obj) or "", refs, label)
        elif isinstance(field, models.URLField):
            value = (field.value_from_object(obj) or "").strip()
            if value.lower().startswith(("http://", "https://")):
                refs.urls.append((label, value))
        elif isinstance(field, models.ForeignKey) and field.name != "alias_of":
            pk = _pk(field.value_from_object(obj))
            if pk is None:
                continue
            target = field.related_model
            if isinstance(field, ParentalKey):
                continue  # an inline child's link to its own page
            if issubclass(target, page_model):
                refs.pages.append((label, pk))
            elif issubclass(target, doc_model):
                refs.documents.append((label, pk))
            elif issubclass(target, image_model):
                caption = getattr(obj, "caption", "")
                if "caption" in {f.name for f in obj._meta.concrete_fields}:
                    label.caption = _label(obj._meta.get_field("caption"))
                if field.name not in DECORATIVE_IMAGE_FIELDS:
                    refs.images.append((label, pk, not caption))
    for child_relation, label_prefix in _relations(obj):
        name = child_relation.get_accessor_name()
        for child in getattr(obj, name).all():
            _collect(child, refs, label_prefix, relation or name)


def _relations(obj: models.Model) -> list:
    """The inline children (attachments, speakers, photos …) of a clusterable object; editors' comments are
    never published, so they are left out."""
    if not isinstance(obj, ClusterableModel):
        return []
    return [
        (r, f"{r.related_model._meta.verbose_name} · ")
        for r in get_all_child_relations(obj)
        if r.get_accessor_name() != "comments"
    ]


def _rich_text(html: str, refs: _Refs, label: str) -> None:
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        href = (attrs.get("href") or "").strip()
        if not attrs.get("linktype") and href.lower().startswith(("http://", "https://")):
            refs.urls.append((label, href))
            continue
        pk = _pk(attrs.get("id"))
        if pk is None:
            continue
        if attrs.get("linktype") == "page":
            refs.pages.append((label, pk))
        elif attrs.get("linktype") == "document":
            refs.documents.append((label, pk))
    for match in FIND_EMBED_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") != "image":
            continue
        pk = _pk(attrs.get("id"))
        if pk is not None:
            refs.images.append((label, pk, False))
        if not attrs.get("alt", "").strip():
            refs.missing_alt.append(label)


def _walk_block(block: blocks.Block, raw: Any, refs: _Refs, label: str) -> None:
    """Follow a StreamField's stored (raw) data, so that a reference to a deleted object is still seen."""
    if raw is None:
        return
    if isinstance(block, ImageBlock):
        if isinstance(raw, dict):
            pk = _pk(raw.get("image"))
            if pk is not None:
                refs.images.append((label, pk, False))
                if not raw.get("decorative") and not (raw.get("alt_text") or "").strip():
                    refs.missing_alt.append(label)
        elif _pk(raw) is not None:  # an ImageChooserBlock's data: the image's own description is the alt text
            refs.images.append((label, _pk(raw), True))
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _walk_block(child, item.get("value"), refs, label)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) and "type" in item and "value" in item else item
            _walk_block(block.child_block, value, refs, label)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                _walk_block(child, raw.get(name), refs, label)
    elif isinstance(block, blocks.RichTextBlock):
        _rich_text(str(raw), refs, label)
    elif isinstance(block, blocks.PageChooserBlock):
        if _pk(raw) is not None:
            refs.pages.append((label, _pk(raw)))
    elif isinstance(block, DocumentChooserBlock):
        if _pk(raw) is not None:
            refs.documents.append((label, _pk(raw)))
    elif isinstance(block, ImageChooserBlock):
        if _pk(raw) is not None:
            refs.images.append((label, _pk(raw), True))
    elif isinstance(block, blocks.URLBlock):
        if isinstance(raw, str) and raw.strip().lower().startswith(("http://", "https://")):
            refs.urls.append((label, raw.strip()))

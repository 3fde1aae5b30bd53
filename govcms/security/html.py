"""One HTML allowlist (nh3) for everything that stores HTML: rich text fields, rich text and raw HTML blocks.

Matches what Wagtail's rich text editor produces, including its database-format `<a linktype="page" id="3">`
links and `<embed embedtype="image" .../>` tags; URLs only http, https, mailto and tel.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

import nh3
from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "embed",
    "ul",
    "ol",
    "li",
    "b",
    "i",
    "strong",
    "em",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "br",
    "hr",
    "blockquote",
    "sub",
    "sup",
    "code",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Rich text features in use (cms/core/blocks.py): image embeds, page and document links. A media embed would
# render a third party's iframe, which the Content Security Policy refuses anyway.
ALLOWED_EMBED_TYPES = {"image"}
ALLOWED_LINK_TYPES = {"page", "document"}

# nh3 writes void elements HTML-style (`<embed ...>`); Wagtail only expands the XHTML-style `<embed .../>`.
_EMBED_TAG = re.compile(r"<embed(\b[^>]*?)\s*/?>")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "embed" and attribute == "embedtype":
        return value if value in ALLOWED_EMBED_TYPES else None
    if tag == "a" and attribute == "linktype":
        return value if value in ALLOWED_LINK_TYPES else None
    return value


def _embed_tag(match: re.Match) -> str:
    # Wagtail expands only `<embed .../>`; an embed that lost its embedtype would expand to nothing, so drop it.
    return f"<embed{match.group(1)}/>" if "embedtype=" in match.group(1) else ""


def sanitise_html(html: str | None) -> str:
    """Return `html` reduced to the allowlist: no script, event handler, style, iframe or javascript: URL."""
    if not html:
        return html or ""
    cleaned = nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
    return _EMBED_TAG.sub(_embed_tag, cleaned)


def clean_block_data(block: blocks.Block, raw: Any) -> Any:
    """Sanitise the HTML inside one block's raw (JSON-ready) value, following the block definition."""
    if isinstance(block, (blocks.RichTextBlock, blocks.RawHTMLBlock)):
        return sanitise_html(raw) if isinstance(raw, str) else raw
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(raw, list):
            return raw
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                item["value"] = clean_block_data(child, item.get("value"))
        return raw
    if isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                if name in raw:
                    raw[name] = clean_block_data(child, raw[name])
        return raw
    if isinstance(block, blocks.ListBlock):
        if isinstance(raw, list):
            for index, item in enumerate(raw):
                if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                    item["value"] = clean_block_data(block.child_block, item["value"])
                else:
                    raw[index] = clean_block_data(block.child_block, item)
        return raw
    return raw


@cache
def html_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The model's fields that hold HTML: rich text fields and stream fields."""
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, (RichTextField, StreamField)))


def clean_instance(instance: models.Model) -> None:
    """Sanitise every rich text and stream field of a model instance in place (before it is saved)."""
    for field in html_fields(type(instance)):
        value = getattr(instance, field.attname)
        if isinstance(field, RichTextField):
            if isinstance(value, str) and value:
                setattr(instance, field.attname, sanitise_html(value))
        elif value is not None:
            prepared = field.get_prep_value(value)
            if not prepared:
                continue
            raw = json.loads(prepared) if isinstance(prepared, str) else copy.deepcopy(prepared)
            before = json.dumps(raw, sort_keys=True)
            cleaned = clean_block_data(field.stream_block, raw)
            if json.dumps(cleaned, sort_keys=True) != before:
                setattr(instance, field.attname, cleaned)


def clean_serialised(model: type[models.Model], content: dict) -> dict:
    """Sanitise a serialised instance (a revision's content), including its child relations (inline panels)."""
    for field in html_fields(model):
        if field.name not in content:
            continue
        value = content[field.name]
        if isinstance(field, RichTextField):
            if isinstance(value, str):
                content[field.name] = sanitise_html(value)
        elif isinstance(value, str) and value:
            try:
                raw = json.loads(value)
            except ValueError:
                continue
            content[field.name] = json.dumps(clean_block_data(field.stream_block, raw))
        elif isinstance(value, list):
            content[field.name] = clean_block_data(field.stream_block, value)
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if isinstance(content.get(name), list):
            for child in content[name]:
                if isinstance(child, dict):
                    clean_serialised(relation.related_model, child)
    return content

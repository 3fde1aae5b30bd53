"""Searching as the views do it: the primary engine, the embedded one when Elasticsearch is down, exact-number lookups."""

from __future__ import annotations

import logging
import re

from cms.disclosure.models import DisclosureItemPage
from search import engines
from search.engines.base import EngineUnavailable, Results
from search.query import SearchQuery

logger = logging.getLogger("sitesearch")

_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "【": "〔",
        "】": "〕",
        "(": "〔",
        ")": "〕",
        "（": "〔",
        "）": "〕",
        "﹝": "〔",
        "﹞": "〕",
    }
)
_INDEX_NUMBER = re.compile(r"^[0-9A-Za-z]{6,20}/\d{4}-\d{1,8}$")


def search(query: SearchQuery) -> Results:
    engine = engines.primary()
    try:
        return engine.search(query)
    except EngineUnavailable as exc:
        fallback = engines.embedded()
        if fallback.name == engine.name:
            raise
        logger.warning("search: %s is unavailable (%s); answering from the %s engine", engine.name, exc, fallback.name)
        return fallback.search(query)


def suggest(text: str, limit: int = 8) -> list[dict]:
    engine = engines.primary()
    try:
        return engine.suggest(text, limit)
    except EngineUnavailable as exc:
        logger.warning("search: %s is unavailable for suggestions (%s); using the embedded engine", engine.name, exc)
        return engines.embedded().suggest(text, limit)


def exact_item_url(text: str) -> str | None:
    """The URL of the live public item whose index number or document number is exactly `text` (brackets normalised)."""
    text = "".join(text.split())
    if not text or len(text) > 80:
        return None

    items = DisclosureItemPage.objects.live().public()
    if _INDEX_NUMBER.match(text):
        item = items.filter(index_number__iexact=text).first()
    elif "号" in text and any(c.isdigit() for c in text):
        variants = {text, text.translate(_BRACKETS)}
        item = items.filter(document_number__in=variants).first()
    else:
        item = None
    return item.get_url() if item else None

"""The interface every search engine implements, and the results it gives back."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from search.documents import SearchDoc
from search.query import SearchQuery


class EngineUnavailable(Exception):
    """The engine cannot be reached or refused the request; the caller falls back or keeps the task queued."""


@dataclass
class Hit:
    page_id: int
    url: str
    title: str
    title_html: SafeString
    snippet: SafeString
    page_type: str
    section: str
    date: datetime.date | None
    index_number: str = ""
    document_number: str = ""
    score: float = 0.0
    validity: str = ""


@dataclass
class Results:
    query: SearchQuery
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict] = field(default_factory=dict)  # name → {key: count}
    engine: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


class Engine:
    """A search engine: index and remove search documents, answer queries and suggestions, report its state."""

    name = "base"
    # True for an engine that moves the content generation itself, inside the transaction of each index change; for
    # the others the queue moves it once a batch has reached the index (cached search answers are stale then).
    moves_generation = False

    def index(self, docs: Iterable[SearchDoc]) -> None:
        raise NotImplementedError

    def delete(self, page_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def rebuild(self, docs: Iterable[SearchDoc], total: int, progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index with `docs`; readers keep the old index until the new one is complete."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> Results:
        raise NotImplementedError

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def term_counts(self, tokens: Iterable[str], cap: int = 1000) -> dict[str, int]:
        """How many pages hold each token (any text field), counted up to `cap`. The search app reads these from the
        embedded engine, which every site keeps, so other engines need not implement it."""
        raise NotImplementedError

    def title_terms(self) -> dict[str, int]:
        """Every token of the pages' titles, with how many titles hold it (read from the embedded engine, as above)."""
        raise NotImplementedError

    def indexed_ids(self) -> set[int]:
        raise NotImplementedError

    def health(self) -> dict:
        return {"ok": True}

    def synonyms_changed(self) -> None:
        """Editors changed the synonyms; engines that bake them into analysers reload them here."""

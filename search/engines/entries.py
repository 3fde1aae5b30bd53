"""What the two embedded engines share: the SearchEntry rows (display fields, facet keys) and hits built from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils.functional import lazy
from django.utils.safestring import SafeString

from search.documents import SearchDoc
from search.engines.base import Engine, Hit
from search.engines.segmenting import segment_docs
from search.models import SearchEntry
from search.query import SearchQuery
from search.snippets import mark, snippet

ENTRY_TABLE = "sitesearch_searchentry"
ENTRY_COLUMNS = (
    "page_id",
    "url",
    "title",
    "summary",
    "body",
    "attachment_text",
    "index_number",
    "document_number",
    "page_type",
    "section",
    "organ",
    "topic",
    "year",
    "validity",
    "expiry_date",
    "date",
    "indexed_at",
)
FILTER_COLUMNS = {
    "section": "section",
    "type": "page_type",
    "organ": "organ",
    "topic": "topic",
    "year": "year",
    "validity": "validity",
}


def entry_row(doc: SearchDoc, now) -> tuple:
    return (
        doc.page_id,
        doc.url[:500],
        doc.title[:255],
        doc.summary,
        doc.body,
        doc.attachment_text,
        doc.index_number,
        doc.document_number,
        doc.page_type,
        doc.section,
        doc.organ,
        doc.topic,
        doc.year,
        doc.validity,
        doc.expiry_date,
        doc.date,
        now,
    )


def write_entries(cursor, rows: Sequence[tuple], fresh: bool = False) -> None:
    cols = ", ".join(ENTRY_COLUMNS)
    marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    if not fresh:
        cursor.executemany(f"DELETE FROM {ENTRY_TABLE} WHERE page_id = %s", [(r[0],) for r in rows])
    cursor.executemany(f"INSERT INTO {ENTRY_TABLE} ({cols}) VALUES ({marks})", rows)


def filter_sql(query: SearchQuery, alias: str = "e") -> tuple[str, list]:
    clauses, params = [], []
    for name, value in query.filters.items():
        if isinstance(value, list):  # several values: any of them
            clauses.append(f"{alias}.{FILTER_COLUMNS[name]} IN ({', '.join(['%s'] * len(value))})")
            params += value
        else:
            clauses.append(f"{alias}.{FILTER_COLUMNS[name]} = %s")
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


_HIT_COLUMNS = (
    "page_id",
    "url",
    "title",
    "summary",
    "body",
    "attachment_text",
    "page_type",
    "section",
    "date",
    "index_number",
    "document_number",
    "validity",
)
# Highlighting is done when a hit is shown, not when it is found: the search app asks for more hits than a page
# shows (to order them again, search/ranking.py) and shows only some.
_lazy_mark = lazy(mark, SafeString)
_lazy_snippet = lazy(snippet, SafeString)


def hits_for(ids_scores: Iterable[tuple[int, float]], query: SearchQuery) -> list[Hit]:
    """Hits in the given order, with the title and a snippet of the body (or summary, or attachment) highlighted."""
    ids_scores = list(ids_scores)
    if not ids_scores:
        return []

    rows = SearchEntry.objects.filter(page_id__in=[i for i, _ in ids_scores]).values_list(*_HIT_COLUMNS)
    entries = {r[0]: r for r in rows}
    terms = query.highlight_terms
    hits = []
    for page_id, score in ids_scores:
        e = entries.get(page_id)
        if e is None:
            continue
        _, url, title, summary, body, attachments, page_type, section, date, index_number, document_number, validity = e
        hits.append(
            Hit(
                page_id=page_id,
                url=url,
                title=title,
                title_html=_lazy_mark(title, terms),
                snippet=_lazy_snippet([summary, body, attachments], terms),
                page_type=page_type,
                section=section,
                date=date,
                index_number=index_number,
                document_number=document_number,
                score=float(score or 0),
                validity=validity,
            )
        )
    return hits


def quote_name(name: str) -> str:
    return connection.ops.quote_name(name)


def entry_count() -> int:
    """How many pages the database engines hold."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE}")
        return cursor.fetchone()[0]


def entry_page_ids() -> set[int]:
    """The ids of the pages the database engines hold."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_id FROM {ENTRY_TABLE}")
        return {r[0] for r in cursor.fetchall()}


class DatabaseEngine(Engine):
    """What the engines that keep their index in the site's own database (SQLite, PostgreSQL) share.

    Subclasses write one batch of documents and their segmented fields with `_write(docs, segmented)`.
    """

    def _write(self, docs: list[SearchDoc], segmented: list) -> None:
        raise NotImplementedError

    def index(self, docs: Iterable[SearchDoc]) -> None:
        docs = list(docs)
        if docs:
            with transaction.atomic():
                self._write(docs, segment_docs(docs))

    def count(self) -> int:
        return entry_count()

    def indexed_ids(self) -> set[int]:
        return entry_page_ids()

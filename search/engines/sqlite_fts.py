"""The embedded engine on SQLite: an FTS5 table over jieba tokens, bm25 with field weights.

Filters are tokens in the table's `facets` column, so they narrow the MATCH itself; facet counts and date order come
from the in-memory facet table (columns.py) over the matching ids; relevance ranking is exact for up to
EXACT_RANK_LIMIT matches and, beyond that, exact within a window of the most recent matches (see `_window`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from cms.core import changes
from search.documents import SearchDoc
from search.engines.base import Results
from search.engines.columns import facet_table
from search.engines.entries import ENTRY_TABLE, FILTER_COLUMNS, DatabaseEngine, entry_row, hits_for, write_entries
from search.engines.segmenting import segment_docs
from search.query import SearchQuery, Word
from search.segment import query_tokens

logger = logging.getLogger("sitesearch")

FTS_TABLE = "sitesearch_fts"
FTS_COLUMNS = ("title", "summary", "meta", "body", "attachments", "facets")
TEXT_COLUMNS = "{title summary meta body attachments}"  # what a reader's words may match: never the filter tokens
WEIGHTS = (10.0, 4.0, 5.0, 1.0, 0.5, 0.0)  # bm25 weight of each column, in FTS_COLUMNS order
# Filter name → the SearchDoc attribute holding its key: named as the entry table's columns.
FILTER_ATTRS = FILTER_COLUMNS
EXACT_RANK_LIMIT = 3000  # up to this many matches, every one is ranked by bm25
WINDOW_MATCHES = 2000  # beyond it, ranking looks at the newest matches: at most this many …
WINDOW_TITLES = 200  # … and no further back than the newest this-many matches in titles or metadata
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"{', '.join(FTS_COLUMNS)}, tokenize='unicode61 remove_diacritics 2')"
)
BM25 = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in WEIGHTS)})"
TERM_COUNT_CAP = 1000  # term_counts counts pages up to this many
# fts5vocab views of the table (migration 0005): pages per word, and words per column (the titles' words).
VOCAB_ROW = "sitesearch_fts_vrow"
VOCAB_COL = "sitesearch_fts_vcol"
CREATE_VOCAB = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_ROW} USING fts5vocab({FTS_TABLE}, row)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_COL} USING fts5vocab({FTS_TABLE}, col)",
)


def fts_phrase(token: str) -> str:
    """A token as an FTS5 string: always double-quoted, quotes doubled, so no query text is ever FTS5 syntax."""
    return '"' + token.replace('"', '""') + '"'


def word_expr(word: Word) -> str:
    groups = []
    for group in word.groups:
        alts = ["(" + " AND ".join(fts_phrase(t) for t in alt) + ")" for alt in group.alternatives]
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return "(" + " AND ".join(groups) + ")"


def filter_token(name: str, value) -> str:
    """The token a filter value is indexed as: ASCII letters and hex digits only, so no tokenizer splits it."""
    return f"xf{name}{str(value).encode().hex()}"


def facet_tokens(doc: SearchDoc) -> str:
    return " ".join(
        filter_token(name, getattr(doc, attr)) for name, attr in FILTER_ATTRS.items() if getattr(doc, attr) not in ("", None)
    )


def _restrict(columns: str, words_expr: str, query: SearchQuery) -> str:
    """Words in the given columns only, AND each filter as a token in the facets column."""
    expr = f"({columns} : ({words_expr}))"
    for name, value in sorted(query.filters.items()):
        values = value if isinstance(value, list) else [value]  # several values: any of them
        expr += f" AND (facets : ({' OR '.join(fts_phrase(filter_token(name, v)) for v in values)}))"
    return expr


def match_all(query: SearchQuery) -> str:
    """Pages holding every word (and passing the filters)."""
    return _restrict(TEXT_COLUMNS, " AND ".join(word_expr(w) for w in query.words), query)


def match_any(query: SearchQuery) -> str:
    """The pages a query finds: those holding every required word, or any word when none is required (and passing
    the filters)."""
    required = [w for w in query.words if w.required]
    if required:
        return _restrict(TEXT_COLUMNS, " AND ".join(word_expr(w) for w in required), query)
    return _restrict(TEXT_COLUMNS, " OR ".join(word_expr(w) for w in query.words), query)


def match_titles(query: SearchQuery) -> str:
    """Pages holding any of the words in their title or metadata (and passing the filters)."""
    return _restrict("{title meta}", " OR ".join(word_expr(w) for w in query.words), query)


class SqliteFtsEngine(DatabaseEngine):
    name = "embedded"
    label = "SQLite FTS5 + jieba"
    moves_generation = True

    def ensure_schema(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(CREATE_FTS)
            for sql in CREATE_VOCAB:
                cursor.execute(sql)

    # -- writing ---------------------------------------------------------------------------------

    def _write(self, docs: list[SearchDoc], segmented: list[tuple], fresh: bool = False) -> None:
        """Store documents; `fresh` (a rebuild into emptied tables) skips removing earlier versions."""
        now = timezone.now()
        with connection.cursor() as cursor:
            write_entries(cursor, [entry_row(d, now) for d in docs], fresh=fresh)
            if not fresh:
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(d.page_id,) for d in docs])
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(d.page_id, *seg, facet_tokens(d)) for d, seg in zip(docs, segmented, strict=True)],
            )
            changes.bump()  # in this transaction: the facet table (columns.py) catches up

    def delete(self, page_ids: Iterable[int]) -> None:
        ids = [(int(i),) for i in page_ids]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {ENTRY_TABLE} WHERE page_id = %s", ids)
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)
            changes.bump()  # in this transaction: the facet table (columns.py) catches up

    def rebuild(
        self, docs: Iterable[SearchDoc], total: int, progress: Callable[[int], None] | None = None, batch: int = 2000
    ) -> int:
        """Everything in one transaction: readers (WAL) see the old index until the new one commits."""
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            for chunk in _chunks(docs, batch):
                self._write(chunk, segment_docs(chunk), fresh=True)
                count += len(chunk)
                if progress:
                    progress(len(chunk))
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            changes.bump()  # in this transaction: the facet table (columns.py) catches up
        return count

    # -- reading ---------------------------------------------------------------------------------

    def raw_match(self, expr: str, limit: int = 10) -> list[int]:
        """The bare FTS5 query, for the benchmark: ids of the best matches, nothing else."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY {BM25} LIMIT %s", [expr, limit])
            return [r[0] for r in cursor.fetchall()]

    def search(self, query: SearchQuery) -> Results:
        results = Results(query=query, engine=self.name)
        if query.is_empty:
            return results
        any_expr = match_any(query)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [any_expr])
            text = cursor.fetchone()[0]
        # Ascending, as FTS5 scans in rowid order; one string parsed by numpy beats 40,000 Python rows.
        ids = np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)
        table = facet_table(self.name)
        results.total = len(ids)
        results.facets = table.counts(ids)
        if query.sort == "date":
            page = table.newest(ids, query.offset + query.per_page)[query.offset :]
            ranked = [(i, 0.0) for i in page]
        else:
            ranked = self._ranked(query, any_expr, ids)
        results.hits = hits_for(ranked, query)
        return results

    def _window(self, query: SearchQuery, ids: np.ndarray) -> int:
        """The lowest page id ranking looks at first: 0 (all) for a few matches; else the newest matches, enough to
        hold the newest WINDOW_TITLES title/metadata matches but never more than WINDOW_MATCHES of them.

        Pages are ranked within the window, then the older matches after it, so paging stays consistent; bm25 over
        every one of 30,000 matches is what made a common word slow.
        """
        if len(ids) <= EXACT_RANK_LIMIT:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s",
                [match_titles(query), WINDOW_TITLES],
            )
            titles = [r[0] for r in cursor.fetchall()]
        by_titles = titles[-1] if len(titles) == WINDOW_TITLES else 0
        return max(by_titles, int(ids[-WINDOW_MATCHES]))

    def _ranked(self, query: SearchQuery, any_expr: str, ids: np.ndarray) -> list[tuple[int, float]]:
        """(page id, score) for the requested page: pages with all the words first, then by bm25."""
        low = self._window(query, ids)
        in_window = len(ids) - int(np.searchsorted(ids, low, side="left"))
        rows: list[tuple[int, float]] = []
        if query.offset < in_window:
            rows += self._rank_range(query, any_expr, low, None, min(query.per_page, in_window - query.offset), query.offset)
        if query.offset + query.per_page > in_window and low > 0:
            rows += self._rank_range(query, any_expr, 0, low, query.per_page - len(rows), max(0, query.offset - in_window))
        return rows

    def _rank_range(self, query: SearchQuery, any_expr: str, low: int, high: int | None, limit: int, offset: int):
        bounds, params = " AND f.rowid >= %s", [low]
        if high is not None:
            bounds, params = bounds + " AND f.rowid < %s", [low, high]
        if len(query.words) > 1 and not all(w.required for w in query.words):
            tier = (
                f"(f.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid >= %s"
                + (" AND rowid < %s" if high is not None else "")
                + "))"
            )
            tier_params = [match_all(query), *params]
        else:
            tier, tier_params = "1", []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, {BM25}, {tier} AS tier FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s"
                f"{bounds} ORDER BY tier DESC, {BM25}, f.rowid DESC LIMIT %s OFFSET %s",
                [*tier_params, any_expr, *params, limit, offset],
            )
            return [(r[0], -r[1]) for r in cursor.fetchall()]

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        tokens = query_tokens(text)[:6]
        if not tokens:
            return []
        expr = " ".join(f"title : {fts_phrase(t)}" for t in tokens[:-1])
        expr = (expr + " " if expr else "") + f"title : {fts_phrase(tokens[-1])} *"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url FROM {FTS_TABLE} f JOIN {ENTRY_TABLE} e ON e.page_id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY {BM25}, e.date DESC LIMIT %s",
                [expr, limit],
            )
            return [{"title": t, "url": u} for t, u in cursor.fetchall()]

    def term_counts(self, tokens: Iterable[str], cap: int = TERM_COUNT_CAP) -> dict[str, int]:
        """Pages holding each token in a text column, counted up to `cap`: reading a common word's whole doclist (as
        fts5vocab does) costs tens of milliseconds on 100,000 pages, its first `cap` entries a fraction of one."""
        out = {}
        with connection.cursor() as cursor:
            for token in sorted({t.lower() for t in tokens if t}):
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
                    [f"{TEXT_COLUMNS} : {fts_phrase(token)}", cap],
                )
                out[token] = int(cursor.fetchone()[0])
        return out

    def title_terms(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term, doc FROM {VOCAB_COL} WHERE col = 'title'")
            return {t: int(n) for t, n in cursor.fetchall()}

    def health(self) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
            fts = cursor.fetchone()[0]
        return {"ok": True, "engine": self.label, "fts_rows": fts}


def _chunks(items: Iterable, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

"""The embedded engine on SQLite: an FTS5 table over jieba tokens, bm25 with field weights, facets in one statement."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from sitesearch.documents import SearchDoc
from sitesearch.engines.base import Results
from sitesearch.engines.entries import ENTRY_TABLE, DatabaseEngine, entry_row, filter_sql, hits_for, write_entries
from sitesearch.engines.segmenting import segment_docs
from sitesearch.facets import FACETS, FIELDS
from sitesearch.query import SearchQuery, Word
from sitesearch.segment import query_tokens

logger = logging.getLogger("sitesearch")

FTS_TABLE = "sitesearch_fts"
FTS_COLUMNS = ("title", "summary", "meta", "body", "attachments")
WEIGHTS = (10.0, 4.0, 5.0, 1.0, 0.5)  # bm25 weight of each column, in FTS_COLUMNS order
CREATE_FTS = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
              f"{', '.join(FTS_COLUMNS)}, tokenize='unicode61 remove_diacritics 2')")
BM25 = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in WEIGHTS)})"


def fts_phrase(token: str) -> str:
    """A token as an FTS5 string: always double-quoted, quotes doubled, so no query text is ever FTS5 syntax."""
    return '"' + token.replace('"', '""') + '"'


def word_expr(word: Word) -> str:
    groups = []
    for group in word.groups:
        alts = ["(" + " AND ".join(fts_phrase(t) for t in alt) + ")" for alt in group.alternatives]
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return "(" + " AND ".join(groups) + ")"


def match_all(query: SearchQuery) -> str:
    return " AND ".join(word_expr(w) for w in query.words)


def match_any(query: SearchQuery) -> str:
    return " OR ".join(word_expr(w) for w in query.words)


class SqliteFtsEngine(DatabaseEngine):
    name = "embedded"
    label = "SQLite FTS5 + jieba"

    def ensure_schema(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(CREATE_FTS)

    # -- writing ---------------------------------------------------------------------------------

    def _write(self, docs: list[SearchDoc], segmented: list[tuple], fresh: bool = False) -> None:
        """Store documents; `fresh` (a rebuild into emptied tables) skips removing earlier versions."""
        now = timezone.now()
        with connection.cursor() as cursor:
            write_entries(cursor, [entry_row(d, now) for d in docs], fresh=fresh)
            if not fresh:
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(d.page_id,) for d in docs])
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s)",
                [(d.page_id, *seg) for d, seg in zip(docs, segmented, strict=True)])

    def delete(self, page_ids: Iterable[int]) -> None:
        ids = [(int(i),) for i in page_ids]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {ENTRY_TABLE} WHERE page_id = %s", ids)
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)

    def rebuild(self, docs: Iterable[SearchDoc], total: int, progress: Callable[[int], None] | None = None,
                batch: int = 2000) -> int:
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
        return count

    # -- reading ---------------------------------------------------------------------------------

    def raw_match(self, expr: str, limit: int = 10) -> list[int]:
        """The bare FTS5 query, for the benchmark: ids of the best matches, nothing else."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY {BM25} LIMIT %s",
                           [expr, limit])
            return [r[0] for r in cursor.fetchall()]

    def search(self, query: SearchQuery) -> Results:
        results = Results(query=query, engine=self.name)
        if query.is_empty:
            return results
        any_expr, all_expr = match_any(query), match_all(query)
        where, params = filter_sql(query)
        base = (f"FROM {FTS_TABLE} f JOIN {ENTRY_TABLE} e ON e.page_id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s{where}")
        if len(query.words) > 1:
            tier = f"(f.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
            tier_params = [all_expr]
        else:
            tier, tier_params = "1", []
        order = f"tier DESC, {BM25}" if query.sort == "relevance" else "e.date DESC, e.page_id DESC"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT f.rowid, {BM25}, {tier} AS tier {base} ORDER BY {order} LIMIT %s OFFSET %s",
                           [*tier_params, any_expr, *params, query.per_page, query.offset])
            rows = cursor.fetchall()
            facet_sql = " UNION ALL ".join(
                f"SELECT '{name}', {FIELDS[name]}, count(*) FROM m GROUP BY {FIELDS[name]}" for name in FACETS)
            cursor.execute(f"WITH m AS MATERIALIZED (SELECT {', '.join(FIELDS.values())} {base}) {facet_sql}",
                           [any_expr, *params])
            for name, key, n in cursor.fetchall():
                results.facets.setdefault(name, {})[key] = n
        results.total = sum(results.facets.get("type", {}).values())
        results.hits = hits_for([(r[0], -r[1]) for r in rows], query)
        return results

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        tokens = query_tokens(text)[:6]
        if not tokens:
            return []
        expr = " ".join(f"title : {fts_phrase(t)}" for t in tokens[:-1])
        expr = (expr + " " if expr else "") + f"title : {fts_phrase(tokens[-1])} *"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.title, e.url FROM {FTS_TABLE} f JOIN {ENTRY_TABLE} e ON e.page_id = f.rowid "
                           f"WHERE {FTS_TABLE} MATCH %s ORDER BY {BM25}, e.date DESC LIMIT %s", [expr, limit])
            return [{"title": t, "url": u} for t, u in cursor.fetchall()]

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

"""The embedded engine on PostgreSQL: the same jieba tokens as lexemes of a weighted tsvector (GIN index), ts_rank.

Lexemes are built with array_to_tsvector and queries are tsquery literals of quoted lexemes, so PostgreSQL's text
parser (which drops Chinese characters under the C locale) is never involved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.documents import SearchDoc
from search.engines.base import Results
from search.engines.entries import ENTRY_TABLE, DatabaseEngine, entry_row, filter_sql, hits_for, write_entries
from search.engines.segmenting import segment_docs
from search.engines.sqlite_fts import _chunks
from search.facets import FACETS, FIELDS
from search.query import SearchQuery, Word
from search.segment import query_tokens

TSV_TABLE = "sitesearch_tsv"
WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"  # D (attachments), C (body), B (summary, metadata), A (title)
VECTOR = (
    "setweight(array_to_tsvector(string_to_array(%s, ' ')), 'A') || "
    "setweight(array_to_tsvector(string_to_array(%s, ' ')), 'B') || "
    "setweight(array_to_tsvector(string_to_array(%s, ' ')), 'C') || "
    "setweight(array_to_tsvector(string_to_array(%s, ' ')), 'D')"
)


def _tokens(text: str) -> str:
    """Tokens separated by single spaces: array_to_tsvector refuses the empty strings that extra spaces make."""
    return " ".join(text.split())


def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def word_tsquery(word: Word) -> str:
    groups = []
    for group in word.groups:
        alts = ["(" + " & ".join(lexeme(t) for t in alt) + ")" for alt in group.alternatives]
        groups.append("(" + " | ".join(alts) + ")")
    return "(" + " & ".join(groups) + ")"


class PostgresEngine(DatabaseEngine):
    name = "embedded"
    label = "PostgreSQL full text + jieba"

    def _write(self, docs: list[SearchDoc], segmented: list[tuple]) -> None:
        now = timezone.now()
        with connection.cursor() as cursor:
            write_entries(cursor, [entry_row(d, now) for d in docs])
            cursor.executemany(f"DELETE FROM {TSV_TABLE} WHERE page_id = %s", [(d.page_id,) for d in docs])
            cursor.executemany(
                f"INSERT INTO {TSV_TABLE} (page_id, title, vector) VALUES (%s, %s, {VECTOR})",
                [
                    (
                        d.page_id,
                        _tokens(seg[0]),
                        _tokens(seg[0]),
                        _tokens(seg[1] + " " + seg[2]),
                        _tokens(seg[3]),
                        _tokens(seg[4]),
                    )
                    for d, seg in zip(docs, segmented, strict=True)
                ],
            )

    def delete(self, page_ids: Iterable[int]) -> None:
        ids = [(int(i),) for i in page_ids]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {ENTRY_TABLE} WHERE page_id = %s", ids)
            cursor.executemany(f"DELETE FROM {TSV_TABLE} WHERE page_id = %s", ids)

    def rebuild(self, docs: Iterable[SearchDoc], total: int, progress: Callable[[int], None] | None = None) -> int:
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
            cursor.execute(f"DELETE FROM {TSV_TABLE}")
            for chunk in _chunks(docs, 2000):
                self._write(chunk, segment_docs(chunk))
                count += len(chunk)
                if progress:
                    progress(len(chunk))
        return count

    def search(self, query: SearchQuery) -> Results:
        results = Results(query=query, engine=self.name)
        if query.is_empty:
            return results
        required = [w for w in query.words if w.required]
        any_q = " & ".join(word_tsquery(w) for w in required) or " | ".join(word_tsquery(w) for w in query.words)
        all_q = " & ".join(word_tsquery(w) for w in query.words)
        where, params = filter_sql(query)
        base = f"FROM {TSV_TABLE} t JOIN {ENTRY_TABLE} e ON e.page_id = t.page_id WHERE t.vector @@ %s::tsquery{where}"
        order = (
            "tier DESC, score DESC, e.date DESC NULLS LAST"
            if query.sort == "relevance"
            else "e.date DESC NULLS LAST, e.page_id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.page_id, ts_rank({WEIGHTS}, t.vector, %s::tsquery) AS score, "
                f"(t.vector @@ %s::tsquery) AS tier {base} ORDER BY {order} LIMIT %s OFFSET %s",
                [any_q, all_q, any_q, *params, query.per_page, query.offset],
            )
            rows = cursor.fetchall()
            facet_sql = " UNION ALL ".join(
                f"SELECT '{name}', {FIELDS[name]}::text, count(*) FROM m GROUP BY {FIELDS[name]}" for name in FACETS
            )
            cursor.execute(
                f"WITH m AS MATERIALIZED (SELECT {', '.join('e.' + f for f in FIELDS.values())} {base}) {facet_sql}",
                [any_q, *params],
            )
            for name, key, n in cursor.fetchall():
                if name == "year" and key is not None:
                    key = int(key)
                results.facets.setdefault(name, {})[key] = n
        results.total = sum(results.facets.get("type", {}).values())
        results.hits = hits_for([(r[0], r[1]) for r in rows], query)
        return results

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        tokens = query_tokens(text)[:6]
        if not tokens:
            return []
        tsq = " & ".join([lexeme(t) for t in tokens[:-1]] + [lexeme(tokens[-1]) + ":*"])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url FROM {TSV_TABLE} t JOIN {ENTRY_TABLE} e ON e.page_id = t.page_id "
                f"WHERE array_to_tsvector(string_to_array(t.title, ' ')) @@ %s::tsquery "
                f"ORDER BY e.date DESC NULLS LAST LIMIT %s",
                [tsq, limit],
            )
            return [{"title": t, "url": u} for t, u in cursor.fetchall()]

    def term_counts(self, tokens: Iterable[str], cap: int = 1000) -> dict[str, int]:
        """Pages holding each token, counted up to `cap` (a common word's exact count costs a scan of its pages)."""
        out = {}
        with connection.cursor() as cursor:
            for token in sorted({t.lower() for t in tokens if t}):
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {TSV_TABLE} WHERE vector @@ %s::tsquery LIMIT %s) m",
                    [lexeme(token), cap],
                )
                out[token] = int(cursor.fetchone()[0])
        return out

    def title_terms(self) -> dict[str, int]:
        inner = f"SELECT array_to_tsvector(string_to_array(title, ' ')) FROM {TSV_TABLE}"
        with connection.cursor() as cursor:
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
            return {w: int(n) for w, n in cursor.fetchall()}

    def health(self) -> dict:
        return {"ok": True, "engine": self.label}

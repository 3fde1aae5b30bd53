"""The embedded engine's facet table in memory: for every indexed page, its facet keys and date, by page id.

Counting facets, or sorting by date, over tens of thousands of FTS5 matches is a lookup per match; done in SQL that is
a B-tree probe per row, done here it is an array index. Each process loads the table once and catches up when the
content generation (cms/core/changes.py) moves on: the embedded engine moves it inside the transaction of every
change to its index, and a publish or a snippet change moves it too (the catch-up then finds nothing new, cheaply).

A rolled-back change must never leave a number that a later, different change could reach again while some process
still holds a table loaded under it: the generation grows by a random step (changes.STEP_BITS), not by one.
"""

from __future__ import annotations

import datetime
import threading

import numpy as np
from django.db import connection

from cms.core import changes
from search.facets import FACETS

# Facet columns in FACETS order, then the date and when the row was written.
LOAD_SQL = "SELECT page_id, section, page_type, organ, topic, year, validity, date, indexed_at FROM sitesearch_searchentry"
_EPOCH = datetime.date(1, 1, 1).toordinal()
MISSING = 0xFFFFFFFF  # combo of a page id the table does not hold (indexed after it was loaded)


class FacetTable:
    """combo[page_id] → index into `combos` (a tuple of facet keys); order[page_id] → date ordinal·2³² + page id.

    Both are numpy arrays, so counting the facets of 40,000 matches is one fancy-index and one bincount.

    After the first load it catches up with the rows indexed since (by `indexed_at`): re-indexed pages get their new
    keys, new pages are added. Pages removed from the index may linger here, which is harmless: only ids that FTS5
    still matches are ever looked up.
    """

    CATCH_UP_MARGIN = datetime.timedelta(minutes=2)  # rows written by a transaction that committed a little late

    def __init__(self) -> None:
        self.generation: int | None = None
        self.combos: list[tuple] = []
        self.combo_ids: dict[tuple, int] = {}
        self.combo = np.zeros(0, dtype=np.uint32)
        self.order = np.zeros(0, dtype=np.int64)
        self.high_water: datetime.datetime | None = None

    def refresh(self, generation: int) -> None:
        sql, params = LOAD_SQL, []
        if self.high_water is not None:
            since = self.high_water - self.CATCH_UP_MARGIN
            sql, params = LOAD_SQL + " WHERE indexed_at >= %s", [since.isoformat(sep=" ")]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SELECT max(indexed_at) FROM sitesearch_searchentry")
            high_water = cursor.fetchone()[0]
        size = max((r[0] for r in rows), default=-1) + 1
        if size > len(self.combo):
            grow = size - len(self.combo) + 1024
            self.combo = np.concatenate([self.combo, np.full(grow, MISSING, dtype=np.uint32)])
            self.order = np.concatenate([self.order, np.zeros(grow, dtype=np.int64)])
        combo_ids, combos, combo, order = self.combo_ids, self.combos, self.combo, self.order
        for page_id, *keys, date, _ in rows:
            key = tuple(keys)
            index = combo_ids.get(key)
            if index is None:
                index = combo_ids[key] = len(combos)
                combos.append(key)
            combo[page_id] = index
            day = date.toordinal() if isinstance(date, datetime.date) else _date_ordinal(date)
            order[page_id] = (day << 32) | page_id
        if isinstance(high_water, str):  # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, no zone)
            high_water = datetime.datetime.fromisoformat(high_water).replace(tzinfo=None)
        self.high_water = high_water if high_water is not None else self.high_water
        self.generation = generation

    def _known(self, ids: np.ndarray) -> np.ndarray:
        return ids[ids < len(self.combo)] if len(ids) and ids.max() >= len(self.combo) else ids

    def counts(self, ids: np.ndarray) -> dict[str, dict]:
        """{facet name: {key: number of `ids` with it}} for the six facets."""
        combos = self.combo[self._known(ids)]
        combos = combos[combos != MISSING]
        if not len(combos):
            return {}
        per_combo = np.bincount(combos)
        out: dict[str, dict] = {name: {} for name in FACETS}
        for index in np.flatnonzero(per_combo).tolist():
            n = int(per_combo[index])
            for name, key in zip(FACETS, self.combos[index], strict=True):
                bucket = out[name]
                bucket[key] = bucket.get(key, 0) + n
        return out

    def newest(self, ids: np.ndarray, count: int) -> list[int]:
        """The `count` newest of `ids` by date (then by page id), newest first; ids it does not hold come last."""
        known = self._known(ids)
        keys = self.order[known]
        if count < len(keys):
            top = np.argpartition(-keys, count - 1)[:count]
        else:
            top = np.arange(len(keys))
        top = top[np.argsort(-keys[top], kind="stable")]
        newest = known[top].tolist()
        if len(newest) < count and len(known) < len(ids):
            newest += sorted(set(ids.tolist()) - set(known.tolist()), reverse=True)[: count - len(newest)]
        return newest


def _date_ordinal(value) -> int:
    if not value:
        return _EPOCH
    return datetime.date.fromisoformat(str(value)[:10]).toordinal()


_table = FacetTable()
_lock = threading.Lock()


def facet_table(engine: str) -> FacetTable:
    """This process's facet table (of the embedded engine), caught up first if the content generation moved since."""
    generation = changes.current()
    if _table.generation != generation:
        with _lock:
            if _table.generation != generation:
                _table.refresh(generation)
    return _table

"""The SQLite engine's own mechanics: filters as tokens in the MATCH, the in-memory facet table, windowed ranking."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction

from cms.core import changes
from search import engines
from search.documents import SearchDoc
from search.engines import sqlite_fts
from search.engines.sqlite_fts import SqliteFtsEngine, filter_token
from search.query import parse

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS5 engine")


def search(engine, **params):
    query, _ = parse(params)
    return engine.search(query)


def all_ids(engine, per_page: int, **params) -> list[int]:
    first = search(engine, per_page=per_page, **params)
    ids = [h.page_id for h in first.hits]
    for page in range(2, first.pages + 1):
        ids += [h.page_id for h in search(engine, per_page=per_page, page=page, **params).hits]
    return ids


def test_windowed_ranking_pages_through_every_match_once(search_site, db, monkeypatch):
    engine = engines.embedded()
    exact = all_ids(engine, 50, q="公务用车 管理")
    monkeypatch.setattr(sqlite_fts, "EXACT_RANK_LIMIT", 2)
    monkeypatch.setattr(sqlite_fts, "WINDOW_MATCHES", 3)
    monkeypatch.setattr(sqlite_fts, "WINDOW_TITLES", 1)
    results = search(engine, q="公务用车 管理", per_page=2)
    assert results.total == len(exact) > 3
    windowed = all_ids(engine, 2, q="公务用车 管理")
    assert sorted(windowed) == sorted(exact)  # every match exactly once, across the window's edge
    assert len(set(windowed)) == len(windowed)
    # The order is the exact order within the window of newest matches, then the exact order of the older ones.
    low = engine._window(parse({"q": "公务用车 管理"})[0], sorted(exact))
    assert low > 0
    assert windowed == [i for i in exact if i >= low] + [i for i in exact if i < low]


def test_a_reader_cannot_match_the_filter_tokens(search_site, db):
    engine = engines.embedded()
    token = filter_token("type", "policy.policypage")
    assert search(engine, q=token).total == 0
    assert search(engine, q="公务用车", type="policy.policypage").total == 1


def test_facet_table_follows_index_changes_in_the_same_process(search_site, db):
    engine = SqliteFtsEngine()
    before = search(engine, q="独一无二的测试词语")
    assert before.total == 0
    doc = SearchDoc(
        page_id=990001,
        url="/t/990001/",
        title="独一无二的测试词语",
        body="独一无二的测试词语",
        page_type="news.newspage",
        section="news",
        year=2026,
        date=datetime.date(2026, 11, 25),
    )
    engine.index([doc])
    after = search(engine, q="独一无二的测试词语")
    assert after.total == 1
    assert after.facets["year"] == {2026: 1} and after.facets["section"] == {"news": 1}
    assert search(engine, q="独一无二的测试词语", year="2026").total == 1
    assert search(engine, q="独一无二的测试词语", year="2025").total == 0
    doc.year, doc.date = 2025, datetime.date(2025, 1, 2)  # re-indexed with other keys: the table catches up
    engine.index([doc])
    assert search(engine, q="独一无二的测试词语").facets["year"] == {2025: 1}
    assert search(engine, q="独一无二的测试词语", year="2025").total == 1
    engine.delete([doc.page_id])
    assert search(engine, q="独一无二的测试词语").total == 0


def test_a_rolled_back_generation_is_never_reused(db):
    changes.bump()
    before = changes.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        changes.bump()  # an index change whose transaction is rolled back
        rolled_back = changes.current()
        raise RuntimeError
    assert changes.current() == before
    changes.bump()
    assert changes.current() not in (before, rolled_back)


def test_date_order_comes_from_the_facet_table(search_site, db):
    engine = engines.embedded()
    by_date = search(engine, q="公务用车", sort="date", per_page=50)
    keys = [(h.date, h.page_id) for h in by_date.hits]
    assert keys == sorted(keys, reverse=True)
    page2 = search(engine, q="公务用车", sort="date", per_page=2, page=2)
    assert [h.page_id for h in page2.hits] == [h.page_id for h in by_date.hits[2:4]]

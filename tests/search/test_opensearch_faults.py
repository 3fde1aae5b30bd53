"""Faults on the real three-node cluster: a node killed, the whole cluster stopped, a node paused (SIGSTOP).

The nodes are stopped and paused through deploy/opensearch/cluster.py (GOVCMS_TEST_OPENSEARCH_DIR, set by
scripts/test); these tests hold the cluster alone meanwhile, and every test leaves all three nodes up and green.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import time
from pathlib import Path

import pytest

from search import documents, engines, queue, service
from search.engines.base import EngineUnavailable
from search.models import IndexTask
from search.query import parse

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

QUERIES = ["公务用车", "公务用车 改革", "办公用房", "张三", "湖南省财政厅"]
TIMEOUT = 2.0  # OPENSEARCH_TIMEOUT of the slow-cluster test (the others wait up to 5 s on a busy machine)


def _load_controller():
    path = Path(__file__).resolve().parents[2] / "deploy" / "opensearch" / "cluster.py"
    spec = importlib.util.spec_from_file_location("govcms_opensearch_cluster", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cluster(opensearch_alone):
    directory = os.environ.get("GOVCMS_TEST_OPENSEARCH_DIR")
    if not directory:
        pytest.skip("GOVCMS_TEST_OPENSEARCH_DIR is not set: no cluster of the tests' own to stop nodes of")
    return _load_controller().Cluster(directory)


@pytest.fixture
def site(cluster, fresh_engine, settings, monkeypatch):
    """The site on the cluster with a short timeout; afterwards every node is up again and the cluster green."""
    settings.OPENSEARCH_TIMEOUT = 5.0
    monkeypatch.setattr(queue, "_failed_at", {})
    yield engines.primary()
    for n in (1, 2, 3):
        if cluster.pid(n):
            cluster.resume_node(n)
        else:
            cluster.start_node(n)
    cluster.wait_for("green", 3, timeout=240)


def answers(text: str):
    return service.search(parse({"q": text, "per_page": 50})[0])


def primary_node(engine) -> int:
    """The number of the node holding the primary copy of the index's shard."""
    (name,) = engine.current_indices()
    (primary,) = [s for s in engine.client.cat.shards(index=name, format="json") if s["prirep"] == "p"]
    return int(primary["node"].removeprefix("node-"))


def live_ids() -> set[int]:
    return {p.pk for p in documents.live_pages().specific() if documents.build(p) is not None}


def edit_and_publish(page, title: str) -> None:
    page = type(page).objects.get(pk=page.pk)  # as saved: an earlier test's revisions were rolled back
    page.title = title
    page.save_revision().publish()


def test_a_killed_node_changes_nothing_for_searches_and_publishing_goes_on(cluster, site, search_site):
    before = {q: [h.page_id for h in answers(q).hits] for q in QUERIES}
    node = primary_node(site)
    cluster.stop_node(node, kill=True)  # a crash: the copy of the shard on that node is gone
    cluster.wait_for("yellow", 2)  # the replica has been promoted

    for q in QUERIES:
        results = answers(q)
        assert results.engine == "opensearch"
        assert [h.page_id for h in results.hits] == before[q]

    edit_and_publish(search_site.news, "节点故障期间发布的新闻青鸟")
    assert queue.process(site) == (1, 0)
    assert [h.page_id for h in answers("青鸟").hits] == [search_site.news.pk]

    cluster.start_node(node)
    health = cluster.wait_for("green", 3, timeout=240)  # it rejoins and gets its copy back
    assert health["status"] == "green" and health["number_of_nodes"] == 3
    assert site.health()["status"] == "green"
    assert [h.page_id for h in answers("青鸟").hits] == [search_site.news.pk]
    assert site.indexed_ids() == live_ids()


def test_with_the_whole_cluster_down_the_embedded_engine_answers_and_changes_wait(cluster, site, search_site, client, caplog):
    from cms.news.models import NewsPage
    from tests.factories import publish

    cluster.stop()
    with caplog.at_level(logging.WARNING, logger="sitesearch"):
        data = client.get("/api/search/", {"q": "公务用车 改革"}).json()
    assert data["engine"] == "embedded" and data["results"][0]["title"] == "公务用车制度改革新闻发布会"
    assert "opensearch is unavailable" in caplog.text and "answering from the embedded engine" in caplog.text
    assert client.get("/api/search/suggest/", {"q": "公务用"}).json()["suggestions"]

    edit_and_publish(search_site.news, "集群停机期间修改的新闻白鹭")
    type(search_site.about).objects.get(pk=search_site.about.pk).unpublish()
    new = publish(search_site.news_index, NewsPage(title="集群停机期间发布的新闻黄鹂", slug="cluster-down"))
    assert queue.process(site) == (0, 3)
    waiting = IndexTask.objects.filter(engine="opensearch")
    assert {t.page_id for t in waiting} == {search_site.news.pk, search_site.about.pk, new.pk}
    assert all(t.attempts == 1 and "ConnectionError" in t.last_error for t in waiting)
    queue.process(engines.embedded())  # the fallback is up to date meanwhile
    assert [h.page_id for h in answers("黄鹂").hits] == [new.pk]

    cluster.start(timeout=240)  # the same data folders: the index and its alias come back
    assert queue.process(site) == (3, 0)
    assert site.indexed_ids() == live_ids()
    assert search_site.about.pk not in site.indexed_ids()
    results = answers("白鹭")
    assert results.engine == "opensearch" and [h.page_id for h in results.hits] == [search_site.news.pk]


def test_a_paused_node_times_out_within_the_limit_and_the_fallback_answers(cluster, site, search_site, client, caplog, settings):
    settings.OPENSEARCH_TIMEOUT = TIMEOUT
    site = engines.primary()
    node = primary_node(site)
    cluster.pause_node(node)  # SIGSTOP: the node holds its connections open and answers nothing
    try:
        # Searches in parallel request threads: each ends within the timeout, answered or refused, none hangs.
        outcomes: list[tuple[str, float]] = []

        def one_search(text):
            started = time.monotonic()
            try:
                site.search(parse({"q": text})[0])
                outcomes.append(("answered", time.monotonic() - started))
            except EngineUnavailable:
                outcomes.append(("timed out", time.monotonic() - started))

        threads = [threading.Thread(target=one_search, args=(q,), daemon=True) for q in QUERIES * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=TIMEOUT + 5)
        assert not any(t.is_alive() for t in threads), "a request thread hangs on the paused node"
        assert len(outcomes) == len(threads)
        assert any(kind == "timed out" for kind, _ in outcomes)
        assert max(elapsed for _, elapsed in outcomes) < TIMEOUT + 1.5

        # Through the site: the request waits no longer than the timeout, then the embedded engine answers.
        with caplog.at_level(logging.WARNING, logger="sitesearch"):
            started = time.monotonic()
            for q in QUERIES:
                data = client.get("/api/search/", {"q": q}).json()
                assert data["total"] > 0
            elapsed = time.monotonic() - started
        assert elapsed < len(QUERIES) * (TIMEOUT + 1.5)
        assert "answering from the embedded engine" in caplog.text

        edit_and_publish(search_site.news, "集群缓慢期间修改的新闻喜鹊")
        started = time.monotonic()
        assert queue.process(site) == (0, 1)  # the write times out too and stays queued with its error
        assert time.monotonic() - started < 3 * (TIMEOUT + 1.5)
        assert "Timeout" in IndexTask.objects.get(engine="opensearch").last_error
    finally:
        cluster.resume_node(node)
    cluster.wait_for("green", 3, timeout=240)
    assert queue.process(site) == (1, 0)
    assert [h.page_id for h in answers("喜鹊").hits] == [search_site.news.pk]

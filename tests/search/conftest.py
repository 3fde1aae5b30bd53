"""Fixtures for the search tests: one indexed site per module, and the engines to run the same behaviour tests on."""

from __future__ import annotations

import fcntl
import os
import uuid

import pytest
from django.core.cache import cache
from django.db import transaction

from search import engines, queue, vocabulary
from search.models import SynonymRule
from tests.factories import build_site, publish


def add_search_pages(tree):
    """Pages the search tests need beyond build_site(): hostile text, and an item found only by its attachment."""
    from cms.news.models import NewsPage

    tree.hostile = publish(
        tree.news_index,
        NewsPage(
            title="关于<script>alert(1)</script>的说明",
            slug="hostile",
            source="测试",
            body=[("paragraph", '<p>&lt;img src=x onerror=alert(1)&gt; 办公用房维修 " OR 1=1 -- NEAR(</p>')],
        ),
    )
    # The shipped dictionary (migration 0007) holds these words already; the tests rely on these two rules as written.
    SynonymRule.objects.update_or_create(term="公车", defaults={"synonyms": "公务用车", "two_way": False})
    SynonymRule.objects.update_or_create(term="机关事务局", defaults={"synonyms": "机关事务管理局", "two_way": False})
    cache.clear()
    return tree


@pytest.fixture(scope="module")
def search_site(django_db_setup, django_db_blocker):
    """build_site() plus extra pages, indexed by the embedded engine; rolled back when the module ends."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            tree = add_search_pages(build_site())
            queue.process(engines.embedded())
            vocabulary.forget()  # this module's site, not an earlier one's
            yield tree
            transaction.set_rollback(True)
    cache.clear()
    vocabulary.forget()


def _elasticsearch_engine(tree):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch to test against")
    from search.documents import live_pages
    from search.engines.elasticsearch import ElasticsearchEngine
    from search.management.commands.search_rebuild import iter_docs

    engine = ElasticsearchEngine(url=url, index_prefix=f"govcms-test-{uuid.uuid4().hex[:8]}")
    ids = list(live_pages().values_list("pk", flat=True))
    engine.rebuild(iter_docs(ids), len(ids))
    return engine


def opensearch_url() -> str:
    """The test cluster's URLs (scripts/test starts it and sets GOVCMS_TEST_OPENSEARCH_URL), or a skip."""
    url = os.environ.get("GOVCMS_TEST_OPENSEARCH_URL")
    if not url:
        pytest.skip("GOVCMS_TEST_OPENSEARCH_URL is not set: no OpenSearch cluster (./scripts/test starts one)")
    return url


def opensearch_engine(prefix: str = "govcms-test", **kwargs):
    from search.engines.opensearch import OpenSearchEngine

    return OpenSearchEngine(url=opensearch_url(), index_prefix=f"{prefix}-{uuid.uuid4().hex[:8]}", **kwargs)


def drop_indices(engine) -> None:
    for name in engine.current_indices():
        engine.client.indices.delete(index=name)


@pytest.fixture(scope="module")
def _opensearch_index(search_site, django_db_blocker, opensearch_shared):
    """search_site indexed into the test cluster once per module, under an alias of the module's own."""
    from search.documents import live_pages
    from search.management.commands.search_rebuild import iter_docs

    engine = opensearch_engine()
    with django_db_blocker.unblock():
        ids = list(live_pages().values_list("pk", flat=True))
        engine.rebuild(iter_docs(ids), len(ids))
    yield engine
    drop_indices(engine)


@pytest.fixture(params=["embedded", "elasticsearch", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def engine(request, search_site, db):
    """Each behaviour test runs on the embedded engine, on the OpenSearch test cluster, and on Elasticsearch when
    ELASTICSEARCH_URL is set."""
    if request.param == "embedded":
        yield engines.embedded()
        return
    if request.param == "opensearch":
        opensearch_url()
        yield request.getfixturevalue("_opensearch_index")
        return
    es = _elasticsearch_engine(search_site)
    yield es
    for name in es.current_indices():
        es.client.indices.delete(index=name)
    es.client.synonyms.delete_synonym(id=es.synonyms_set)


@pytest.fixture
def fresh_engine(search_site, opensearch_shared, settings):
    """The site on OpenSearch (SEARCH_ENGINE=opensearch, the cluster's three URLs), with an index of its own filled
    from the live pages, for a test that changes it; dropped afterwards."""
    from search.documents import live_pages
    from search.management.commands.search_rebuild import iter_docs

    engine = opensearch_engine()
    ids = list(live_pages().values_list("pk", flat=True))
    engine.rebuild(iter_docs(ids), len(ids))
    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = engine.url
    settings.OPENSEARCH_INDEX = engine.alias
    engine = engines.primary()  # the instance the site itself uses
    yield engine
    drop_indices(engine)


# -- the cluster shared by xdist's workers: behaviour tests share it, fault tests have it alone ---------------------


_held_alone = False  # this process holds the cluster alone: its shared uses need no lock of their own


def _cluster_lock(kind: int):
    global _held_alone
    directory = os.environ.get("GOVCMS_TEST_OPENSEARCH_DIR")
    if not directory or _held_alone:
        yield
        return
    with open(os.path.join(directory, "tests.lock"), "a") as lock:
        fcntl.flock(lock, kind)
        _held_alone = kind == fcntl.LOCK_EX
        try:
            yield
        finally:
            _held_alone = False
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def opensearch_shared():
    """A module that uses the cluster holds a shared lock, so no fault test stops a node under it."""
    yield from _cluster_lock(fcntl.LOCK_SH)


@pytest.fixture(scope="module")
def opensearch_alone():
    """The fault tests hold the cluster alone while they stop, kill and pause its nodes."""
    yield from _cluster_lock(fcntl.LOCK_EX)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With the test cluster running, an OpenSearch test that skips is a failure: it must really run."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("opensearch") and os.environ.get("GOVCMS_TEST_OPENSEARCH_URL"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"an OpenSearch test skipped while GOVCMS_TEST_OPENSEARCH_URL is set: {reason}"

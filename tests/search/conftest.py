"""Fixtures for the search tests: one indexed site per module, and the engines to run the same behaviour tests on."""

from __future__ import annotations

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


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, search_site, db):
    """Each behaviour test runs on the embedded engine, and on Elasticsearch when ELASTICSEARCH_URL is set."""
    if request.param == "embedded":
        yield engines.embedded()
        return
    es = _elasticsearch_engine(search_site)
    yield es
    for name in es.current_indices():
        es.client.indices.delete(index=name)
    es.client.synonyms.delete_synonym(id=es.synonyms_set)

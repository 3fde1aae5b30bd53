"""OpenSearch without a cluster: the index body it sends (one replica, synonyms inline) and a quick refusal when no
node answers; the same query bodies as Elasticsearch."""

from __future__ import annotations

import time

import opensearchpy
import pytest
from django.core.cache import cache
from elasticsearch import dsl as es_dsl

from search.engines import cluster
from search.engines.base import EngineUnavailable
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.opensearch import OpenSearchEngine, hosts
from search.models import SynonymRule
from search.query import parse


@pytest.fixture(autouse=True)
def no_cached_synonyms(db):
    cache.clear()
    yield
    cache.clear()


def test_index_body_has_one_replica_and_the_editors_synonyms_inline():
    SynonymRule.objects.update_or_create(term="公车", defaults={"synonyms": "公务用车"})
    body = OpenSearchEngine("http://127.0.0.1:9", index_prefix="x").index_definition("x-1").to_dict()
    assert body["settings"]["number_of_replicas"] == 1
    synonyms = body["settings"]["analysis"]["filter"]["zh_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "公车 => 公车, 公务用车" in synonyms["synonyms"]  # the editor's rule, beside the shipped dictionary
    es = ElasticsearchEngine("http://127.0.0.1:9", index_prefix="x").index_definition("x-1").to_dict()
    assert body["mappings"] == es["mappings"]  # the same mappings and analysers, from the shared module
    assert body["settings"]["analysis"]["analyzer"] == es["settings"]["analysis"]["analyzer"]


def test_query_bodies_are_those_of_elasticsearch():
    query, _ = parse({"q": "公务用车 改革", "organ": "114300000061000000", "sort": "date"})
    on_opensearch = cluster.build_search(opensearchpy, query)
    assert isinstance(on_opensearch, opensearchpy.Search)
    assert on_opensearch.to_dict() == cluster.build_search(es_dsl, query).to_dict()
    suggest = cluster.build_suggest(opensearchpy, "公务用", 8).to_dict()
    assert suggest.pop("from") == 0  # opensearch-py's DSL says the first page's offset, elasticsearch's leaves it out
    assert suggest == cluster.build_suggest(es_dsl, "公务用", 8).to_dict()


def test_several_urls_and_a_quick_refusal_when_no_node_answers():
    assert hosts("http://a:9200, http://b:9200,") == ["http://a:9200", "http://b:9200"]
    engine = OpenSearchEngine("http://127.0.0.1:9,http://127.0.0.1:10", index_prefix="nothing-here", timeout=1)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.search(parse({"q": "公务用车"})[0])
    assert time.monotonic() - started < 2
    assert engine.health()["ok"] is False

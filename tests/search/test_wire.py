"""Elasticsearch up to the wire: the exact index body, documents, query bodies and synonym rules the client sends."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from search.documents import SearchDoc
from search.engines.elasticsearch import build_search, build_suggest, doc_source, index_definition
from search.models import SynonymRule
from search.query import parse
from search.synonyms import elasticsearch_rules

SEG = {"type": "text", "analyzer": "zh_index", "search_analyzer": "zh_search"}
FIELDS = ["title_seg^10", "summary_seg^4", "meta_seg^5", "body_seg^1", "attachments_seg^0.5"]


@pytest.fixture(autouse=True)
def no_synonyms(db):
    cache.clear()
    yield
    cache.clear()


def mm(query):
    return {
        "multi_match": {
            "query": query,
            "fields": FIELDS,
            "type": "best_fields",
            "operator": "and",
            "tie_breaker": 0.3,
            "auto_generate_synonyms_phrase_query": False,
        }
    }


def body(**params):
    return build_search(parse(params)[0], "govcms").to_dict()


def test_index_body_defines_analysers_with_updateable_synonyms_and_strict_mappings():
    assert index_definition("govcms-1", "govcms-synonyms").to_dict() == {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {
                    "zh_index": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
                    "zh_search": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "zh_synonyms"]},
                },
                "filter": {"zh_synonyms": {"type": "synonym_graph", "synonyms_set": "govcms-synonyms", "updateable": True}},
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "page_id": {"type": "long"},
                "url": {"type": "keyword", "index": False},
                "title": {"type": "text", "analyzer": "standard", "index_options": "offsets"},
                "summary": {"type": "text", "analyzer": "standard", "index_options": "offsets"},
                "body": {"type": "text", "analyzer": "standard", "index_options": "offsets"},
                "title_seg": SEG,
                "summary_seg": SEG,
                "meta_seg": SEG,
                "body_seg": SEG,
                "attachments_seg": SEG,
                "index_number": {"type": "keyword"},
                "document_number": {"type": "keyword"},
                "page_type": {"type": "keyword"},
                "section": {"type": "keyword"},
                "organ": {"type": "keyword"},
                "topic": {"type": "keyword"},
                "validity": {"type": "keyword"},
                "year": {"type": "integer"},
                "date": {"type": "date", "format": "strict_date"},
                "expiry_date": {"type": "date", "format": "strict_date"},
            },
        },
    }


def test_document_source_carries_segmented_text_and_facet_keys():
    doc = SearchDoc(
        page_id=7,
        url="/xxgk/zcwj/gwyc/",
        title="省直机关公务用车管理办法",
        body="公务用车管理系统",
        meta="湘机管发〔2016〕3号",
        organ="11430000006220052X",
        topic="jgsw",
        year=2016,
        validity="valid",
        page_type="policy.policypage",
        section="xxgk",
        date=datetime.date(2016, 3, 15),
    )
    src = doc_source(doc)
    assert src["title_seg"].split() == ["省直", "机关", "省直机关", "公务", "用车", "公务用车", "管理", "办法"]
    assert "公务用车" in src["body_seg"].split()
    assert src["date"] == "2016-03-15" and src["expiry_date"] is None
    assert {k: src[k] for k in ("organ", "topic", "year", "validity", "page_type", "section")} == {
        "organ": "11430000006220052X",
        "topic": "jgsw",
        "year": 2016,
        "validity": "valid",
        "page_type": "policy.policypage",
        "section": "xxgk",
    }


def test_one_word_query_body():
    b = body(q="公务用车")
    assert b["query"] == mm("公务用车")
    assert b["sort"] == ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    assert b["from"] == 0 and b["size"] == 10 and b["track_total_hits"] is True
    assert b["_source"] == [
        "page_id",
        "url",
        "title",
        "summary",
        "date",
        "page_type",
        "section",
        "index_number",
        "document_number",
        "validity",
    ]


def test_several_words_rank_pages_with_all_of_them_first():
    assert body(q="公务用车 改革")["query"] == {
        "bool": {
            "should": [
                {"constant_score": {"filter": {"bool": {"must": [mm("公务用车"), mm("改革")]}}, "boost": 1000.0}},
                mm("公务用车"),
                mm("改革"),
            ],
            "minimum_should_match": 1,
        }
    }


def test_filters_sort_and_page():
    b = body(
        q="预算",
        type="disclosure.disclosureitempage",
        organ="114300000061000000",
        topic="cz",
        year="2024",
        validity="valid",
        section="xxgk",
        sort="date",
        page="3",
        per_page="20",
    )
    assert b["query"] == {
        "bool": {
            "must": [mm("预算")],
            "filter": [
                {"term": {"section": "xxgk"}},
                {"term": {"page_type": "disclosure.disclosureitempage"}},
                {"term": {"organ": "114300000061000000"}},
                {"term": {"topic": "cz"}},
                {"term": {"year": 2024}},
                {"term": {"validity": "valid"}},
            ],
        }
    }
    assert b["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}}]
    assert (b["from"], b["size"]) == (40, 20)


def test_facets_are_terms_aggregations():
    assert body(q="预算")["aggs"] == {
        "section": {"terms": {"field": "section", "size": 50}},
        "type": {"terms": {"field": "page_type", "size": 50}},
        "organ": {"terms": {"field": "organ", "size": 100}},
        "topic": {"terms": {"field": "topic", "size": 100}},
        "year": {"terms": {"field": "year", "size": 100}},
        "validity": {"terms": {"field": "validity", "size": 10}},
    }


def test_highlight_escapes_html_and_marks_words_and_synonyms():
    SynonymRule.objects.update_or_create(term="公车", defaults={"synonyms": "公务用车", "two_way": False})
    h = body(q="公车")["highlight"]
    assert h["encoder"] == "html" and h["pre_tags"] == ["<mark>"] and h["post_tags"] == ["</mark>"]
    assert h["fields"] == {"title": {"number_of_fragments": 0}, "summary": {}, "body": {}}
    assert h["fragment_size"] == 120 and h["number_of_fragments"] == 1 and h["require_field_match"] is False
    phrases = h["highlight_query"]["bool"]["should"]
    assert {"match_phrase": {"body": "公务用车"}} in phrases and {"match_phrase": {"title": "公车"}} in phrases


def test_suggestion_body_is_a_bool_prefix_match_on_titles():
    assert build_suggest("公务用", 5, "govcms").to_dict() == {
        "query": {"match_bool_prefix": {"title_seg": {"query": "公务 用", "operator": "and"}}},
        "sort": ["_score", {"date": {"order": "desc", "missing": "_last"}}],
        "_source": ["title", "url"],
        "size": 5,
    }
    assert build_suggest("。！", 5) is None


def test_synonym_rules_are_solr_rules_over_jieba_tokens():
    SynonymRule.objects.all().delete()  # only these two rules, not the shipped dictionary
    SynonymRule.objects.update_or_create(term="公车", defaults={"synonyms": "公务用车", "two_way": False})
    SynonymRule.objects.update_or_create(term="机关事务局", defaults={"synonyms": "机关事务管理局", "two_way": True})
    rules = {r["synonyms"] for r in elasticsearch_rules()}
    assert "公车 => 公车, 公务用车" in rules
    assert "机关 事务局 => 机关 事务局, 机关 事务 管理局" in rules
    assert "机关 事务 管理局 => 机关 事务 管理局, 机关 事务局" in rules


def test_unreachable_elasticsearch_raises_engine_unavailable_quickly():
    from search.engines.base import EngineUnavailable
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine("http://127.0.0.1:9", index_prefix="nothing-here", timeout=1)
    with pytest.raises(EngineUnavailable):
        engine.search(parse({"q": "公务用车"})[0])
    assert engine.health()["ok"] is False


def test_required_words_must_match_and_a_kind_is_a_terms_filter():
    from dataclasses import replace

    query = parse({"q": "公务用车 改革", "kind": "zcjd"})[0]
    first, second = query.words
    sent = build_search(replace(query, words=[replace(first, required=True), second]), "govcms").to_dict()
    text = sent["query"]["bool"]["must"]
    assert text == [mm("公务用车")]
    assert {"constant_score": {"filter": {"bool": {"must": [mm("公务用车"), mm("改革")]}}, "boost": 1000.0}} in sent["query"][
        "bool"
    ]["should"]
    assert {"terms": {"page_type": ["policy.interpretationpage", "press.pressconferencepage"]}} in sent["query"]["bool"]["filter"]

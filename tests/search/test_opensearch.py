"""The OpenSearch engine on the real three-node test cluster: the site's search through HTTP, the same pages as the
embedded engine, a synonyms change by a new index behind the alias, and a rebuild while editors publish."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from search import documents, engines, queue
from search.management.commands import search_rebuild
from search.models import IndexTask, SynonymRule
from search.query import parse
from tests.search.conftest import opensearch_url

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]


@pytest.fixture
def site_on_opensearch(settings, search_site, _opensearch_index):
    """The site configured as a production site would be: SEARCH_ENGINE=opensearch with the cluster's three URLs."""
    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = opensearch_url()
    settings.OPENSEARCH_INDEX = _opensearch_index.alias
    return _opensearch_index


def ids(engine, text: str) -> set[int]:
    query, _ = parse({"q": text, "per_page": 50})
    return {h.page_id for h in engine.search(query).hits}


def expected_ids() -> set[int]:
    return {p.pk for p in documents.live_pages().specific() if documents.build(p) is not None}


@pytest.mark.parametrize("text", ["公务用车", "公务用车 改革", "办公用房", "湘机管发〔2016〕3号", "张三", "湖南省财政厅"])
def test_opensearch_finds_the_same_pages_as_the_embedded_engine(search_site, _opensearch_index, text):
    found = ids(_opensearch_index, text)
    assert found and found == ids(engines.embedded(), text)


def test_the_index_has_one_replica_on_another_node(_opensearch_index):
    (name,) = _opensearch_index.current_indices()  # the rebuild swapped it in once its replica had started
    shards = _opensearch_index.client.cat.shards(index=name, format="json")
    assert sorted(s["prirep"] for s in shards) == ["p", "r"]
    assert all(s["state"] == "STARTED" for s in shards)
    assert len({s["node"] for s in shards}) == 2


def test_search_page_api_and_suggestions_answer_from_opensearch(client, site_on_opensearch, search_site):
    data = client.get("/api/search/", {"q": "公务用车 改革"}).json()
    assert data["engine"] == "opensearch"
    assert data["results"][0]["title"] == "公务用车制度改革新闻发布会"
    assert "<mark>" in data["results"][0]["title_html"]
    assert sum(row["count"] for row in data["facets"]["type"]) == data["total"]

    html = client.get("/search/", {"q": "管理办法", "sort": "date"}).content.decode()
    assert "省直机关公务用车<mark>管理办法</mark>" in html

    suggestions = client.get("/api/search/suggest/", {"q": "公务用"}).json()["suggestions"]
    assert any(s["title"] == "省直机关公务用车管理办法" for s in suggestions)


def test_exact_index_and_document_numbers_jump_to_the_item(client, site_on_opensearch, search_site):
    policy = search_site.policy
    assert client.get("/search/", {"q": policy.index_number}).url == policy.url
    assert client.get("/search/", {"q": "湘机管发[2016]3号"}).url == policy.url
    assert client.get("/api/search/", {"q": policy.document_number}).json()["exact_match"] == policy.url


def test_a_synonyms_change_swaps_in_a_new_index_and_keeps_every_page(fresh_engine, search_site):
    before = fresh_engine.current_indices()
    count = fresh_engine.count()
    assert "省直机关办公用房管理暂行规定" not in {h.title for h in fresh_engine.search(parse({"q": "公房"})[0]).hits}

    SynonymRule.objects.create(term="公房", synonyms="办公用房")  # its signal reloads on commit; the test does it now
    fresh_engine.synonyms_changed()

    after = fresh_engine.current_indices()
    assert len(after) == 1 and after != before
    assert not fresh_engine.client.indices.exists(index=before[0])  # the old index is gone
    assert fresh_engine.count() == count
    titles = {h.title for h in fresh_engine.search(parse({"q": "公房", "per_page": 50})[0]).hits}
    assert "省直机关办公用房管理暂行规定" in titles
    fresh_engine.synonyms_changed()  # nothing changed since: the same index stays
    assert fresh_engine.current_indices() == after
    # writes go on into the new index
    queue.enqueue([search_site.news.pk], "test")
    assert queue.process(fresh_engine)[1] == 0


def test_rebuild_while_editors_publish_loses_nothing(fresh_engine, search_site, monkeypatch):
    """Changes published while search_rebuild fills the new index (applied to the old one, which the alias still
    names) are applied again to the new index once it is swapped in: edits, an unpublished page, a new page."""
    from cms.news.models import NewsPage
    from tests.factories import publish

    news, about = search_site.news, search_site.about
    real_iter_docs = search_rebuild.iter_docs
    added = []

    def iter_docs_while_publishing(page_ids):
        yield from real_iter_docs(page_ids)  # every page has gone to the new index, as it was before the edits
        page = type(news).objects.get(pk=news.pk)
        page.title = "重新发布的新闻标题灯塔"
        page.save_revision().publish()
        type(about).objects.get(pk=about.pk).unpublish()
        added.append(publish(search_site.news_index, NewsPage(title="重建期间发布的新闻鸿雁", slug="during-rebuild")))
        done, left = queue.process(fresh_engine)  # what the in-process queue does after each commit
        assert done >= 3 and left == 0
        assert ids(fresh_engine, "鸿雁") == {added[0].pk}  # the index in use answers with the change at once

    monkeypatch.setattr(search_rebuild, "iter_docs", iter_docs_while_publishing)
    old = fresh_engine.current_indices()
    call_command("search_rebuild", engine="opensearch", no_progress=True, stdout=open("/dev/null", "w"))

    assert added and fresh_engine.current_indices() != old
    assert not IndexTask.objects.filter(engine="opensearch").exists()
    assert fresh_engine.indexed_ids() == expected_ids()
    assert ids(fresh_engine, "灯塔") == {news.pk}
    assert ids(fresh_engine, "鸿雁") == {added[0].pk}
    assert about.pk not in fresh_engine.indexed_ids()

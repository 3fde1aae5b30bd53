"""The Elasticsearch engine: the shared cluster engine (search.engines.cluster) on the elasticsearch client and its DSL.

What is Elasticsearch's own: the synonym_graph filter reads a synonyms set (the synonyms API), updateable, reloaded
with the reload_search_analyzers API (no rebuild).
"""

from __future__ import annotations

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, dsl, helpers
from elasticsearch.dsl import Search, token_filter

from search.engines import cluster
from search.engines.cluster import ClusterEngine, doc_source
from search.query import SearchQuery
from search.synonyms import elasticsearch_rules

__all__ = ["ElasticsearchEngine", "build_search", "build_suggest", "doc_source", "index_definition", "synonym_filter"]


def synonym_filter(synonyms_set: str):
    return token_filter("zh_synonyms", type="synonym_graph", synonyms_set=synonyms_set, updateable=True)


def index_definition(name: str, synonyms_set: str, replicas: int = 0):
    """The index: settings, analysers and mappings. `Index.to_dict()` is exactly the body sent to create it."""
    return cluster.index_definition(dsl, name, synonym_filter(synonyms_set), replicas=replicas)


def build_search(query: SearchQuery, index: str = "govcms") -> Search:
    """The request for a query: text, filters, order, page, facets and highlighting. `to_dict()` is the body sent."""
    return cluster.build_search(dsl, query, index)


def build_suggest(text: str, limit: int, index: str = "govcms") -> Search | None:
    return cluster.build_suggest(dsl, text, limit, index)


class ElasticsearchEngine(ClusterEngine):
    name = "elasticsearch"
    dsl = dsl
    helpers = helpers
    errors = (TransportError, ApiError)

    def __init__(self, url: str, index_prefix: str = "govcms", client: Elasticsearch | None = None, timeout: float = 3.0):
        super().__init__(url, index_prefix=index_prefix, client=client, timeout=timeout)
        self.synonyms_set = f"{index_prefix}-synonyms"

    def make_client(self) -> Elasticsearch:
        return Elasticsearch(self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False)

    def is_not_found(self, exc: BaseException) -> bool:
        return isinstance(exc, ApiError) and exc.meta.status == 404

    def body(self, response) -> dict:
        return response.body

    def _create(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, settings=body.get("settings"), mappings=body.get("mappings"))

    def _search(self, body: dict) -> dict:
        return self.client.search(index=self.alias, **body).body

    def _update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(actions=actions)

    # -- synonyms: a synonyms set, reloaded in place ------------------------------------------------

    def synonym_filter(self):
        return synonym_filter(self.synonyms_set)

    def put_synonyms(self) -> None:
        self._call(self.client.synonyms.put_synonym, id=self.synonyms_set, synonyms_set=elasticsearch_rules())

    def prepare_synonyms(self) -> None:
        self.put_synonyms()

    def synonyms_changed(self) -> None:
        self.put_synonyms()
        if self.current_indices():
            self._call(self.client.indices.reload_search_analyzers, index=self.alias)

"""The OpenSearch engine: the shared cluster engine (search.engines.cluster) on opensearch-py and its DSL.

What is OpenSearch's own: its client (one URL or several, comma-separated: a node that refuses the connection is
skipped, a node that does not answer in time is not waited for), one replica so that a node can fail, and the
synonyms. OpenSearch has no synonyms-set API and no reload of search analysers without a plugin, so the rules are
written into the index settings; when editors change them, a new versioned index is made with the new rules, filled
from the current one with `_reindex` on the servers, and swapped in behind the alias. Searches keep answering from
the old index meanwhile; writes are blocked on it for that time, fail, and stay in the queue with their error, so no
change is lost.
"""

from __future__ import annotations

import logging

import opensearchpy
from opensearchpy import OpenSearch, helpers, token_filter
from opensearchpy.exceptions import ImproperlyConfigured, NotFoundError, OpenSearchException, TransportError

from search.engines.base import EngineUnavailable
from search.engines.cluster import ClusterEngine
from search.synonyms import elasticsearch_rules

logger = logging.getLogger("sitesearch")

REINDEX_TIMEOUT = 600.0  # seconds the server may take to copy the index when the synonyms change


def synonym_rules() -> list[str]:
    """The editors' rules in Solr format over jieba tokens, as the synonym_graph filter reads them inline."""
    return [rule["synonyms"] for rule in elasticsearch_rules()]


def synonym_filter(rules: list[str]):
    return token_filter("zh_synonyms", type="synonym_graph", synonyms=rules)


def hosts(url: str) -> list[str]:
    return [u.strip() for u in url.split(",") if u.strip()]


class OpenSearchEngine(ClusterEngine):
    name = "opensearch"
    dsl = opensearchpy
    helpers = helpers
    errors = (TransportError, ImproperlyConfigured, OpenSearchException)

    def __init__(
        self, url: str, index_prefix: str = "govcms", client: OpenSearch | None = None, timeout: float = 3.0, replicas: int = 1
    ):
        super().__init__(url, index_prefix=index_prefix, client=client, timeout=timeout)
        self.replicas = replicas

    def make_client(self) -> OpenSearch:
        # Retries go to another node, and only when the connection failed; a request that timed out is not sent again.
        nodes = hosts(self.url)
        return OpenSearch(nodes, timeout=self.timeout, max_retries=len(nodes) - 1, retry_on_timeout=False)

    def is_not_found(self, exc: BaseException) -> bool:
        return isinstance(exc, NotFoundError)

    def _create(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    def _search(self, body: dict) -> dict:
        return self.client.search(index=self.alias, body=body)

    def _update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(body={"actions": actions})

    def before_swap(self, name: str) -> None:
        """Swap in an index only once its replicas have started, so that the new index survives a node failing."""
        if self.replicas:
            health = self._call(
                self.client.cluster.health, index=name, wait_for_status="green", timeout="60s", request_timeout=70
            )
            if health.get("timed_out"):
                raise EngineUnavailable(f"the replicas of {name} did not start in 60s ({health.get('status')})")

    # -- synonyms: written into the index; a change makes a new index behind the alias ---------------

    def synonym_filter(self):
        return synonym_filter(synonym_rules())

    def rules_in_use(self, index: str) -> list[str]:
        settings = self._call(self.client.indices.get_settings, index=index)[index]["settings"]
        return settings["index"]["analysis"]["filter"]["zh_synonyms"].get("synonyms", [])

    def synonyms_changed(self) -> None:
        old = self.current_indices()
        if not old:
            return
        rules = synonym_rules()
        if all(self.rules_in_use(i) == rules for i in old):
            return
        name = self.new_index_name()
        self.create_index(name)
        block = {"index": {"blocks": {"write": True}}}
        try:
            self._call(self.client.indices.put_settings, index=",".join(old), body=block)
            self._call(
                self.client.reindex,
                body={"source": {"index": self.alias}, "dest": {"index": name}},
                refresh=True,
                wait_for_completion=True,
                request_timeout=REINDEX_TIMEOUT,
            )
            self.before_swap(name)
            swap = [{"remove": {"index": i, "alias": self.alias}} for i in old] + [{"add": {"index": name, "alias": self.alias}}]
            self._call(self._update_aliases, swap)
        except EngineUnavailable:
            self._drop(name)
            self._unblock(old)
            raise
        for i in old:
            self._call(self.client.indices.delete, index=i)
        logger.info("search: opensearch synonyms changed, %s swapped in for %s", name, ", ".join(old))

    def _drop(self, name: str) -> None:
        try:
            self.client.indices.delete(index=name)
        except self.errors:
            logger.warning("search: opensearch could not remove the unfinished index %s", name)

    def _unblock(self, indices: list[str]) -> None:
        try:
            self.client.indices.put_settings(index=",".join(indices), body={"index": {"blocks": {"write": None}}})
        except self.errors:
            logger.warning("search: opensearch could not lift the write block on %s", ", ".join(indices))

"""Engine selection: the embedded engine for the database in use, and a cluster (Elasticsearch or OpenSearch) when
SEARCH_ENGINE says so."""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings
from django.db import connection

from search.engines.base import Engine, EngineUnavailable, Hit, Results
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.opensearch import OpenSearchEngine
from search.engines.postgres import PostgresEngine
from search.engines.sqlite_fts import SqliteFtsEngine

__all__ = ["Engine", "EngineUnavailable", "Hit", "Results", "embedded", "primary", "active_engines", "by_name"]

logger = logging.getLogger("sitesearch")


def embedded() -> Engine:
    """The engine that needs no server: SQLite FTS5, or PostgreSQL full text when the database is PostgreSQL."""
    if connection.vendor == "postgresql":
        return PostgresEngine()

    return SqliteFtsEngine()


@lru_cache(maxsize=4)
def _elasticsearch(url: str, prefix: str):

    return ElasticsearchEngine(url=url, index_prefix=prefix)


@lru_cache(maxsize=4)
def _opensearch(url: str, prefix: str, timeout: float, replicas: int):
    return OpenSearchEngine(url=url, index_prefix=prefix, timeout=timeout, replicas=replicas)


def elasticsearch_configured() -> bool:
    return getattr(settings, "SEARCH_ENGINE", "embedded") == "elasticsearch" and bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def opensearch_configured() -> bool:
    return getattr(settings, "SEARCH_ENGINE", "embedded") == "opensearch" and bool(getattr(settings, "OPENSEARCH_URL", ""))


def cluster_engine() -> Engine | None:
    """The cluster engine SEARCH_ENGINE names, or None for the embedded engine alone."""
    if elasticsearch_configured():
        return _elasticsearch(settings.ELASTICSEARCH_URL, getattr(settings, "ELASTICSEARCH_INDEX", "govcms"))
    if opensearch_configured():
        return _opensearch(
            settings.OPENSEARCH_URL,
            getattr(settings, "OPENSEARCH_INDEX", "govcms"),
            float(getattr(settings, "OPENSEARCH_TIMEOUT", 3.0)),
            int(getattr(settings, "OPENSEARCH_REPLICAS", 1)),
        )
    return None


def primary() -> Engine:
    """The engine searches go to first."""
    return cluster_engine() or embedded()


def active_engines() -> list[Engine]:
    """Every engine kept up to date: the embedded one always (it is the fallback), the cluster when configured."""
    engines = [embedded()]
    if (engine := cluster_engine()) is not None:
        engines.append(engine)
    return engines


def by_name(name: str) -> Engine:
    for engine in active_engines():
        if engine.name == name:
            return engine
    raise LookupError(name)

"""The Elasticsearch engine: index, mappings and analysers in code (elasticsearch.dsl), a versioned index behind an alias.

Text is cut by jieba in Python (the same tokens as the embedded engine) and sent space-separated; the index analyser
splits on whitespace, the search analyser adds editors' synonyms with an updateable synonym_graph filter fed by a
synonyms set, reloaded with the reload_search_analyzers API (no rebuild). Originals are kept, analysed by `standard`,
only for highlighting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import Date, Index, Integer, Keyword, Long, Mapping, Q, Search, Text, analyzer, token_filter

from search.documents import SearchDoc
from search.engines.base import Engine, EngineUnavailable, Hit, Results
from search.facets import FACETS, FIELDS
from search.query import SearchQuery, Word
from search.segment import index_tokens, query_tokens
from search.snippets import mark, snippet
from search.synonyms import elasticsearch_rules

logger = logging.getLogger("sitesearch")

SEG_FIELDS = {"title_seg": 10, "summary_seg": 4, "meta_seg": 5, "body_seg": 1, "attachments_seg": 0.5}
SOURCE_FIELDS = [
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
HIGHLIGHT_FIELDS = ("title", "summary", "body")
ALL_WORDS_BOOST = 1000.0  # a page holding every word outranks any page holding only some
FACET_SIZES = {"section": 50, "type": 50, "organ": 100, "topic": 100, "year": 100, "validity": 10}


def synonym_filter(synonyms_set: str):
    return token_filter("zh_synonyms", type="synonym_graph", synonyms_set=synonyms_set, updateable=True)


def analyzers(synonyms_set: str):
    index_analyzer = analyzer("zh_index", tokenizer="whitespace", filter=["lowercase"])
    search_analyzer = analyzer("zh_search", tokenizer="whitespace", filter=["lowercase", synonym_filter(synonyms_set)])
    return index_analyzer, search_analyzer


def index_definition(name: str, synonyms_set: str, replicas: int = 0) -> Index:
    """The index: settings, analysers and mappings. `Index.to_dict()` is exactly the body sent to create it."""
    index_analyzer, search_analyzer = analyzers(synonyms_set)
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("page_id", Long())
    mapping.field("url", Keyword(index=False))
    for name_ in HIGHLIGHT_FIELDS:
        mapping.field(name_, Text(analyzer="standard", index_options="offsets"))
    for name_ in SEG_FIELDS:
        mapping.field(name_, Text(analyzer=index_analyzer, search_analyzer=search_analyzer))
    for name_ in ("index_number", "document_number", "page_type", "section", "organ", "topic", "validity"):
        mapping.field(name_, Keyword())
    mapping.field("year", Integer())
    mapping.field("date", Date(format="strict_date"))
    mapping.field("expiry_date", Date(format="strict_date"))
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.mapping(mapping)
    return index


def doc_source(doc: SearchDoc) -> dict:
    """The JSON stored for one page."""
    return {
        "page_id": doc.page_id,
        "url": doc.url,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "title_seg": index_tokens(doc.title),
        "summary_seg": index_tokens(doc.summary),
        "meta_seg": index_tokens(doc.meta),
        "body_seg": index_tokens(doc.body),
        "attachments_seg": index_tokens(doc.attachment_text),
        "index_number": doc.index_number,
        "document_number": doc.document_number,
        "page_type": doc.page_type,
        "section": doc.section,
        "organ": doc.organ,
        "topic": doc.topic,
        "validity": doc.validity,
        "year": doc.year,
        "date": doc.date.isoformat() if doc.date else None,
        "expiry_date": doc.expiry_date.isoformat() if doc.expiry_date else None,
    }


def word_query(word: Word):
    return Q(
        "multi_match",
        query=" ".join(word.tokens),
        fields=[f"{f}^{w:g}" for f, w in SEG_FIELDS.items()],
        type="best_fields",
        operator="and",
        tie_breaker=0.3,
    )


def text_query(query: SearchQuery):
    """Every required word must match (any word when none is required); pages holding every word rank first."""
    words = [word_query(w) for w in query.words]
    if len(words) == 1:
        return words[0]
    required = [word_query(w) for w in query.words if w.required]
    all_words = Q("constant_score", filter=Q("bool", must=words), boost=ALL_WORDS_BOOST)
    if required:
        return Q("bool", must=required, should=[all_words, *words])
    return Q("bool", should=[all_words, *words], minimum_should_match=1)


def build_search(query: SearchQuery, index: str = "govcms") -> Search:
    """The request for a query: text, filters, order, page, facets and highlighting. `to_dict()` is the body sent."""
    s = Search(index=index).query(text_query(query))
    for name, value in query.filters.items():
        s = s.filter("terms" if isinstance(value, list) else "term", **{FIELDS[name]: value})
    if query.sort == "date":
        s = s.sort({"date": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}})
    else:
        s = s.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    s = s.source(SOURCE_FIELDS).extra(track_total_hits=True)[query.offset : query.offset + query.per_page]
    for name in FACETS:
        s.aggs.bucket(name, "terms", field=FIELDS[name], size=FACET_SIZES[name])
    terms = query.highlight_terms[:20]
    highlight_query = Q("bool", should=[Q("match_phrase", **{f: t}) for t in terms for f in HIGHLIGHT_FIELDS])
    s = s.highlight_options(
        encoder="html",
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        fragment_size=120,
        number_of_fragments=1,
        highlight_query=highlight_query.to_dict(),
        require_field_match=False,
    )
    s = s.highlight("title", number_of_fragments=0).highlight("summary").highlight("body")
    return s


def build_suggest(text: str, limit: int, index: str = "govcms") -> Search | None:
    tokens = query_tokens(text)[:6]
    if not tokens:
        return None
    s = Search(index=index).query(Q("match_bool_prefix", title_seg={"query": " ".join(tokens), "operator": "and"}))
    return s.sort("_score", {"date": {"order": "desc", "missing": "_last"}}).source(["title", "url"])[:limit]


def _merge_marks(fragment: str) -> str:
    """The standard analyser marks each Chinese character alone; join neighbouring marks into one."""
    return fragment.replace("</mark><mark>", "")


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, url: str, index_prefix: str = "govcms", client: Elasticsearch | None = None, timeout: float = 3.0):
        self.url = url
        self.alias = index_prefix
        self.synonyms_set = f"{index_prefix}-synonyms"
        self._client = client
        self.timeout = timeout

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False)
        return self._client

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (TransportError, ApiError, helpers.BulkIndexError) as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    # -- index management --------------------------------------------------------------------------

    def put_synonyms(self) -> None:
        self._call(self.client.synonyms.put_synonym, id=self.synonyms_set, synonyms_set=elasticsearch_rules())

    def new_index_name(self) -> str:
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000:03d}"

    def create_index(self, name: str) -> None:
        self.put_synonyms()
        body = index_definition(name, self.synonyms_set).to_dict()
        self._call(self.client.indices.create, index=name, settings=body.get("settings"), mappings=body.get("mappings"))

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except ApiError as exc:
            if exc.meta.status == 404:
                return []
            raise EngineUnavailable(str(exc)) from exc
        except TransportError as exc:
            raise EngineUnavailable(str(exc)) from exc

    def ensure_index(self) -> None:
        if not self.current_indices():
            name = self.new_index_name()
            self.create_index(name)
            self._call(self.client.indices.put_alias, index=name, name=self.alias)

    # -- writing ------------------------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], index: str) -> None:
        def gen():
            for action in actions:
                yield {**action, "_index": index}

        _, errors = self._call(
            helpers.bulk, self.client, gen(), raise_on_error=False, raise_on_exception=True, refresh=False, chunk_size=500
        )
        real = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if real:
            raise EngineUnavailable(f"{len(real)} bulk errors, first: {real[0]}")

    def index(self, docs: Iterable[SearchDoc]) -> None:
        self.ensure_index()
        self._bulk(({"_op_type": "index", "_id": d.page_id, "_source": doc_source(d)} for d in docs), self.alias)
        self._call(self.client.indices.refresh, index=self.alias)

    def delete(self, page_ids: Iterable[int]) -> None:
        self.ensure_index()
        self._bulk(({"_op_type": "delete", "_id": int(i)} for i in page_ids), self.alias)
        self._call(self.client.indices.refresh, index=self.alias)

    def rebuild(self, docs: Iterable[SearchDoc], total: int, progress: Callable[[int], None] | None = None) -> int:
        """Fill a new versioned index, then move the alias to it in one atomic call and drop the old ones."""
        old = self.current_indices()
        name = self.new_index_name()
        self.create_index(name)
        count = 0

        def actions():
            nonlocal count
            for d in docs:
                count += 1
                if progress and count % 100 == 0:
                    progress(100)
                yield {"_op_type": "index", "_id": d.page_id, "_source": doc_source(d)}

        self._bulk(actions(), name)
        if progress:
            progress(count % 100)
        self._call(self.client.indices.refresh, index=name)
        swap = [{"remove": {"index": i, "alias": self.alias}} for i in old] + [{"add": {"index": name, "alias": self.alias}}]
        self._call(self.client.indices.update_aliases, actions=swap)
        for i in old:
            self._call(self.client.indices.delete, index=i)
        return count

    def synonyms_changed(self) -> None:
        self.put_synonyms()
        if self.current_indices():
            self._call(self.client.indices.reload_search_analyzers, index=self.alias)

    # -- reading ------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> Results:
        results = Results(query=query, engine=self.name)
        if query.is_empty:
            return results
        body = build_search(query, self.alias).to_dict()
        response = self._call(self.client.search, index=self.alias, **body).body
        results.total = response["hits"]["total"]["value"]
        for name in FACETS:
            buckets = response.get("aggregations", {}).get(name, {}).get("buckets", [])
            results.facets[name] = {b["key"]: b["doc_count"] for b in buckets}
        terms = query.highlight_terms
        for h in response["hits"]["hits"]:
            src, hl = h["_source"], h.get("highlight", {})
            title_html = _merge_marks(hl["title"][0]) if hl.get("title") else mark(src["title"], terms)
            fragment = (hl.get("summary") or hl.get("body") or [None])[0]
            snip = _merge_marks(fragment) if fragment else snippet([src.get("summary", "")], terms)

            results.hits.append(
                Hit(
                    page_id=int(src["page_id"]),
                    url=src["url"],
                    title=src["title"],
                    title_html=mark_safe(title_html),
                    snippet=mark_safe(snip),
                    page_type=src["page_type"],
                    section=src.get("section", ""),
                    date=parse_date(src["date"]) if src.get("date") else None,
                    index_number=src.get("index_number", ""),
                    document_number=src.get("document_number", ""),
                    validity=src.get("validity") or "",
                    score=float(h.get("_score") or 0),
                )
            )
        return results

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        s = build_suggest(text, limit, self.alias)
        if s is None:
            return []
        response = self._call(self.client.search, index=self.alias, **s.to_dict()).body
        return [{"title": h["_source"]["title"], "url": h["_source"]["url"]} for h in response["hits"]["hits"]]

    def count(self) -> int:
        return int(self._call(self.client.count, index=self.alias).body["count"])

    def indexed_ids(self) -> set[int]:
        hits = helpers.scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, _source=["page_id"])
        return {int(h["_id"]) for h in self._call(list, hits)}

    def health(self) -> dict:
        try:
            info = self.client.cluster.health().body
            return {
                "ok": info.get("status") in ("green", "yellow"),
                "status": info.get("status"),
                "indices": self.current_indices(),
                "alias": self.alias,
            }
        except (TransportError, ApiError, EngineUnavailable) as exc:
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}

"""What the cluster engines (Elasticsearch, OpenSearch) share: mappings, analysers, query bodies, the versioned index.

Text is cut by jieba in Python (the same tokens as the embedded engine) and sent space-separated; the index analyser
splits on whitespace, the search analyser adds editors' synonyms with a synonym_graph filter. Originals are kept,
analysed by `standard`, only for highlighting. Each engine module gives its client, its DSL (elasticsearch.dsl or
opensearch-py's, the same API) and its synonym filter; everything else lives here, once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from types import ModuleType, SimpleNamespace
from typing import Any

from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe

from search.documents import SearchDoc
from search.engines.base import Engine, EngineUnavailable, Hit, Results
from search.engines.segmenting import segment_docs
from search.facets import FACETS, FIELDS
from search.query import SearchQuery, Word
from search.segment import index_tokens, query_tokens
from search.snippets import mark, snippet

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
SEGMENT_BATCH = 2000  # documents cut together while rebuilding

Dsl = ModuleType | SimpleNamespace  # elasticsearch.dsl, or opensearchpy: Q, Search, Index, Mapping, analyzer, fields …


def analyzers(dsl: Dsl, synonyms):
    """The index analyser (whitespace over jieba tokens) and the search analyser (the same, plus `synonyms`)."""
    index_analyzer = dsl.analyzer("zh_index", tokenizer="whitespace", filter=["lowercase"])
    search_analyzer = dsl.analyzer("zh_search", tokenizer="whitespace", filter=["lowercase", synonyms])
    return index_analyzer, search_analyzer


def index_definition(dsl: Dsl, name: str, synonyms, replicas: int = 0):
    """The index: settings, analysers and mappings. `Index.to_dict()` is exactly the body sent to create it."""
    index_analyzer, search_analyzer = analyzers(dsl, synonyms)
    mapping = dsl.Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("page_id", dsl.Long())
    mapping.field("url", dsl.Keyword(index=False))
    for name_ in HIGHLIGHT_FIELDS:
        mapping.field(name_, dsl.Text(analyzer="standard", index_options="offsets"))
    for name_ in SEG_FIELDS:
        mapping.field(name_, dsl.Text(analyzer=index_analyzer, search_analyzer=search_analyzer))
    for name_ in ("index_number", "document_number", "page_type", "section", "organ", "topic", "validity"):
        mapping.field(name_, dsl.Keyword())
    mapping.field("year", dsl.Integer())
    mapping.field("date", dsl.Date(format="strict_date"))
    mapping.field("expiry_date", dsl.Date(format="strict_date"))
    index = dsl.Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.mapping(mapping)
    return index


def doc_source(doc: SearchDoc, tokens: tuple[str, ...] | None = None) -> dict:
    """The JSON stored for one page; `tokens` are its fields already cut (segmenting.segment_docs), if at hand."""
    title, summary, meta, body, attachments = tokens or (
        index_tokens(f) for f in (doc.title, doc.summary, doc.meta, doc.body, doc.attachment_text)
    )
    return {
        "page_id": doc.page_id,
        "url": doc.url,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "title_seg": title,
        "summary_seg": summary,
        "meta_seg": meta,
        "body_seg": body,
        "attachments_seg": attachments,
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


def word_query(dsl: Dsl, word: Word):
    return dsl.Q(
        "multi_match",
        query=" ".join(word.tokens),
        fields=[f"{f}^{w:g}" for f, w in SEG_FIELDS.items()],
        type="best_fields",
        operator="and",
        tie_breaker=0.3,
        # A multi-word synonym (机关 事务局 → 机关 事务 管理局) must match its words, not a phrase: jieba's index
        # tokens put 管理 between 事务 and 管理局, so a phrase query never matched (found on the real cluster).
        auto_generate_synonyms_phrase_query=False,
    )


def text_query(dsl: Dsl, query: SearchQuery):
    """Every required word must match (any word when none is required); pages holding every word rank first."""
    words = [word_query(dsl, w) for w in query.words]
    if len(words) == 1:
        return words[0]
    required = [word_query(dsl, w) for w in query.words if w.required]
    all_words = dsl.Q("constant_score", filter=dsl.Q("bool", must=words), boost=ALL_WORDS_BOOST)
    if required:
        return dsl.Q("bool", must=required, should=[all_words, *words])
    return dsl.Q("bool", should=[all_words, *words], minimum_should_match=1)


def build_search(dsl: Dsl, query: SearchQuery, index: str = "govcms"):
    """The request for a query: text, filters, order, page, facets and highlighting. `to_dict()` is the body sent."""
    s = dsl.Search(index=index).query(text_query(dsl, query))
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
    highlight_query = dsl.Q("bool", should=[dsl.Q("match_phrase", **{f: t}) for t in terms for f in HIGHLIGHT_FIELDS])
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


def build_suggest(dsl: Dsl, text: str, limit: int, index: str = "govcms"):
    tokens = query_tokens(text)[:6]
    if not tokens:
        return None
    s = dsl.Search(index=index).query(dsl.Q("match_bool_prefix", title_seg={"query": " ".join(tokens), "operator": "and"}))
    return s.sort("_score", {"date": {"order": "desc", "missing": "_last"}}).source(["title", "url"])[:limit]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _merge_marks(fragment: str) -> str:
    """The standard analyser marks each Chinese character alone; join neighbouring marks into one."""
    return fragment.replace("</mark><mark>", "")


def results_from(query: SearchQuery, response: dict, engine: str) -> Results:
    """The Results of a search response: total, facets, hits with highlighted titles and snippets."""
    results = Results(query=query, engine=engine)
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


class ClusterEngine(Engine):
    """An engine on a search cluster: a versioned index behind an alias, bulk writes, searches through the DSL.

    A subclass names its DSL, its client and the errors that mean "unavailable", and fills in the few calls whose
    arguments differ between the two clients (creating an index, searching, moving the alias) and the synonyms.
    """

    name = "cluster"
    dsl: Dsl
    helpers: Any  # the client library's helpers module: bulk, scan, BulkIndexError
    errors: tuple[type[BaseException], ...] = ()
    replicas = 0

    def __init__(self, url: str, index_prefix: str = "govcms", client=None, timeout: float = 3.0):
        self.url = url
        self.alias = index_prefix
        self._client = client
        self.timeout = timeout

    # -- what each client does its own way ----------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            self._client = self.make_client()
        return self._client

    def make_client(self):
        raise NotImplementedError

    def synonym_filter(self):
        """The token filter that adds editors' synonyms in the search analyser."""
        raise NotImplementedError

    def prepare_synonyms(self) -> None:
        """Make the synonyms the filter reads available before an index is created."""

    def is_not_found(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def body(self, response) -> dict:
        return response

    def _create(self, name: str, body: dict) -> None:
        raise NotImplementedError

    def _search(self, body: dict) -> dict:
        raise NotImplementedError

    def _update_aliases(self, actions: list[dict]) -> None:
        raise NotImplementedError

    def before_swap(self, name: str) -> None:
        """The new index is full and refreshed; the alias moves to it next."""

    # -- shared -------------------------------------------------------------------------------------

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (*self.errors, self.helpers.BulkIndexError) as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def index_definition(self, name: str):
        return index_definition(self.dsl, name, self.synonym_filter(), replicas=self.replicas)

    def new_index_name(self) -> str:
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000:03d}"

    def create_index(self, name: str) -> None:
        self.prepare_synonyms()
        self._call(self._create, name, self.index_definition(name).to_dict())

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.body(self.client.indices.get_alias(name=self.alias)))
        except self.errors as exc:
            if self.is_not_found(exc):
                return []
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
            self.helpers.bulk,
            self.client,
            gen(),
            raise_on_error=False,
            raise_on_exception=True,
            refresh=False,
            chunk_size=500,
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
            for batch in batched(docs, SEGMENT_BATCH):  # jieba cuts a batch in worker processes
                for d, tokens in zip(batch, segment_docs(batch), strict=True):
                    count += 1
                    if progress and count % 100 == 0:
                        progress(100)
                    yield {"_op_type": "index", "_id": d.page_id, "_source": doc_source(d, tokens)}

        self._bulk(actions(), name)
        if progress:
            progress(count % 100)
        self._call(self.client.indices.refresh, index=name)
        self.before_swap(name)
        swap = [{"remove": {"index": i, "alias": self.alias}} for i in old] + [{"add": {"index": name, "alias": self.alias}}]
        self._call(self._update_aliases, swap)
        for i in old:
            self._call(self.client.indices.delete, index=i)
        return count

    # -- reading ------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> Results:
        if query.is_empty:
            return Results(query=query, engine=self.name)
        body = build_search(self.dsl, query, self.alias).to_dict()
        return results_from(query, self._call(self._search, body), self.name)

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        s = build_suggest(self.dsl, text, limit, self.alias)
        if s is None:
            return []
        response = self._call(self._search, s.to_dict())
        return [{"title": h["_source"]["title"], "url": h["_source"]["url"]} for h in response["hits"]["hits"]]

    def count(self) -> int:
        return int(self.body(self._call(self.client.count, index=self.alias))["count"])

    def indexed_ids(self) -> set[int]:
        hits = self.helpers.scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, _source=["page_id"])
        return {int(h["_id"]) for h in self._call(list, hits)}

    def health(self) -> dict:
        try:
            info = self.body(self.client.cluster.health())
            return {
                "ok": info.get("status") in ("green", "yellow"),
                "status": info.get("status"),
                "indices": self.current_indices(),
                "alias": self.alias,
            }
        except (*self.errors, EngineUnavailable) as exc:
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}

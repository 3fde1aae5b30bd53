"""The search page (/search/), the JSON search API (/api/search/) and suggestions as you type (/api/search/suggest/)."""

from __future__ import annotations

from django.http import HttpResponseRedirect, JsonResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import facets as facet_labels
from search import query as query_module
from search import service
from search.query import BadParameter

SUGGEST_MAX_CHARS = 50


def base_template() -> str:
    """The theme's base template when it exists, else a plain stand-alone one."""
    return select_template(["base.html", "sitesearch/standalone_base.html"]).template.name


def _link(params, **changes) -> str:
    params = params.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


@require_GET
def search(request):
    """The search page; the page cache stores its anonymous answers (PAGECACHE_VIEWS) until the index changes."""
    query, notes = query_module.parse(request.GET)
    if query.text and not query.filters:
        url = service.exact_item_url(query.text)
        if url:
            return HttpResponseRedirect(url)
    results = service.search(query) if not query.is_empty else None
    params = request.GET.copy()
    params.pop("page", None)
    if "q" in params:
        params["q"] = query.text
    facet_rows = facet_labels.with_labels(results.facets) if results else {}
    facet_groups = []
    for name in facet_labels.FACETS:
        selected = str(query.filters.get(name, ""))
        rows = [
            {
                **row,
                "selected": row["value"] == selected,
                "link": _link(params, **{name: "" if row["value"] == selected else row["value"]}),
            }
            for row in facet_rows.get(name, [])
        ]
        if rows:
            facet_groups.append(
                {
                    "name": name,
                    "label": facet_labels.LABELS[name],
                    "rows": rows,
                    "clear": _link(params, **{name: ""}) if selected else "",
                }
            )
    pages = []
    if results and results.pages > 1:
        last = min(results.pages, query_module.MAX_PAGE)
        window = sorted({1, last, *range(max(1, query.page - 2), min(last, query.page + 2) + 1)})
        pages = [{"number": n, "link": _link(params, page=n), "current": n == query.page} for n in window]
    context = {
        "base_template": base_template(),
        "query": query,
        "q": query.text,
        "raw_q": request.GET.get("q", ""),
        "notes": notes,
        "results": results,
        "facet_groups": facet_groups,
        "pages": pages,
        "prev_link": _link(params, page=query.page - 1) if results and query.page > 1 else "",
        "next_link": _link(params, page=query.page + 1) if results and query.page < results.pages else "",
        "sort_links": {"relevance": _link(params, sort=""), "date": _link(params, sort="date")},
        "filters_active": bool(query.filters),
        "clear_filters": _link(params, **dict.fromkeys(query_module.FILTERS, "")),
    }
    return TemplateResponse(request, "sitesearch/results.html", context)


def _bad(param: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "param": param}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    try:
        query, _notes = query_module.parse(request.GET, strict=True)
    except BadParameter as exc:
        return _bad(exc.param, exc.message)
    redirect = service.exact_item_url(query.text) if query.text and not query.filters else None
    results = service.search(query) if not query.is_empty else None
    body = {
        "query": query.text,
        "words": [w.text for w in query.words],
        "sort": query.sort,
        "page": query.page,
        "per_page": query.per_page,
        "filters": query.filters,
        "exact_match": redirect,
        "total": results.total if results else 0,
        "pages": results.pages if results else 0,
        "engine": results.engine if results else None,
        "results": [
            {
                "title": h.title,
                "url": h.url,
                "title_html": str(h.title_html),
                "snippet_html": str(h.snippet),
                "date": h.date.isoformat() if h.date else None,
                "type": h.page_type,
                "section": h.section,
                "index_number": h.index_number or None,
                "document_number": h.document_number or None,
            }
            for h in (results.hits if results else [])
        ],
        "facets": facet_labels.with_labels(results.facets) if results else {n: [] for n in facet_labels.FACETS},
    }
    if query.is_empty and query.text:
        body["message"] = "The query holds no searchable words."
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request):
    raw = request.GET.get("q", "")
    if len(raw) > 1000:
        return _bad("q", "q is longer than 1000 characters")
    limit_raw = request.GET.get("limit", "8")
    if not limit_raw.isdigit() or not 1 <= int(limit_raw) <= 20:
        return _bad("limit", "limit must be a whole number from 1 to 20")
    text, _ = query_module.clean_text(raw[:SUGGEST_MAX_CHARS])
    suggestions = service.suggest(text, int(limit_raw)) if text else []
    return JsonResponse({"query": text, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})

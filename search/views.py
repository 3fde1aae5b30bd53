"""The search page (/search/), the JSON search API (/api/search/), suggestions as you type (/api/search/suggest/) and
the count of opened results (/search/opened/, a result link's `ping`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from search import analytics, kinds, service
from search import facets as facet_labels
from search import query as query_module
from search.answer import Answer, answer
from search.query import BadParameter

SUGGEST_MAX_CHARS = 50
_ALL = _("All")


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


def _answer(query, as_typed: bool) -> Answer | None:
    if query.is_empty:
        return None
    return answer(query, correct_typos=not as_typed)


def _kind_tabs(result: Answer, query, params) -> list[dict]:
    tabs = [
        {
            "value": "",
            "label": _ALL,
            "count": sum(result.kind_counts.values()),
            "selected": not query.kind,
            "link": _link(params, kind="", type=""),
        }
    ]
    for slug, label in kinds.KINDS.items():
        count = result.kind_counts.get(slug, 0)
        if slug == kinds.OTHER or (not count and slug != query.kind):
            continue
        tabs.append(
            {
                "value": slug,
                "label": label,
                "count": count,
                "selected": slug == query.kind,
                "link": _link(params, kind=slug, type=""),
            }
        )
    return tabs


@require_GET
def search(request):
    """The search page; the page cache stores its anonymous answers (PAGECACHE_VIEWS) until the index changes."""
    query, notes = query_module.parse(request.GET)
    if query.text and not query.filters:
        url = service.exact_item_url(query.text)
        if url:
            return HttpResponseRedirect(url)
    as_typed = request.GET.get("as_typed") == "1"
    result = _answer(query, as_typed)
    results = result.results if result else None
    if result:
        notes = notes + result.notes
    params = request.GET.copy()
    params.pop("page", None)
    if "q" in params:
        params["q"] = query.text
    facet_rows = facet_labels.with_labels(results.facets) if results else {}
    facet_groups = []
    for name in facet_labels.FACETS:
        if name == "type" and query.kind:
            continue  # the kind's tab narrows the types
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
        "answer": result,
        "results": results,
        "corrected_link": _link(params, as_typed="1") if result and result.corrected else "",
        "suggestion_link": "?" + urlencode({"q": result.suggestion.text}) if result and result.suggestion else "",
        "kind_tabs": _kind_tabs(result, query, params) if result and results.total else [],
        "opened_url": "/search/opened/?" + urlencode({"q": query.text}),
        "facet_groups": facet_groups,
        "pages": pages,
        "prev_link": _link(params, page=query.page - 1) if results and query.page > 1 else "",
        "next_link": _link(params, page=query.page + 1) if results and query.page < results.pages else "",
        "sort_links": {"relevance": _link(params, sort=""), "date": _link(params, sort="date")},
        "filters_active": bool(query.filters),
        "clear_filters": _link(params, kind="", **dict.fromkeys(query_module.FILTERS, "")),
    }
    response = TemplateResponse(request, "sitesearch/results.html", context)
    if results is not None:
        response[analytics.RESULTS_HEADER] = str(results.total)
    return response


def _bad(param: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "param": param}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    try:
        query, _notes = query_module.parse(request.GET, strict=True)
    except BadParameter as exc:
        return _bad(exc.param, exc.message)
    redirect = service.exact_item_url(query.text) if query.text and not query.filters else None
    result = _answer(query, request.GET.get("as_typed") == "1")
    results = result.results if result else None
    body = {
        "query": query.text,
        "words": [w.text for w in query.words],
        "kind": query.kind or None,
        "ignored_words": query.ignored,
        "dropped_words": result.dropped if result else [],
        "optional_words": result.optional if result else [],
        "corrected_to": result.corrected.text if result and result.corrected else None,
        "suggestion": result.suggestion.text if result and result.suggestion else None,
        "best_bets": result.best_bets if result else [],
        "kinds": [
            {"value": slug, "label": str(label), "count": result.kind_counts.get(slug, 0) if result else 0}
            for slug, label in kinds.KINDS.items()
        ],
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
                "kind": kinds.kind_of(h.page_type),
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


@csrf_exempt
@require_POST
def result_opened(request):
    """A visitor opened a result of a search (the link's `ping`): counted for the query's week, nothing else kept."""
    analytics.record_click(request.GET.get("q", "")[: query_module.MAX_QUERY_CHARS])
    return HttpResponse(status=204)

"""The data API under /api/data/: datasets, their releases and rows with filters on any column, sorting, paging and
a field list; 400 with a JSON reason for a bad parameter; ETag and 304; the API's rate limit and CORS (it lives
under /api/). Shared (共享) datasets answer only to signed-in people of granted units or to the tokens of granted
business systems (scope data.read), and every such read is logged."""

from __future__ import annotations

import functools
import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.core import changes
from cms.datasets.access import log_read, reader_of
from cms.datasets.catalogue import readable
from cms.datasets.models import Access, DatasetPage, Release
from cms.datasets.queries import BadQuery, parse
from delivery.api.throttling import AnonymousAPIThrottle
from govcms.integrations.access import Refused, authenticate

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50


def error(status: int, message: str, param: str = "", **headers) -> JsonResponse:
    body = {"message": str(message)}
    if param:
        body["param"] = param
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def get_only(view):
    """A read-only view of the data API: any other method answers 405 as JSON (never the CSRF page), with Allow."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, _("This address only answers GET."))
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def throttled(request) -> JsonResponse | None:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None
    if "Authorization" in request.headers:
        return None
    throttle = AnonymousAPIThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = int(throttle.wait() or 1)
    return error(429, _("Too many requests; try again in %(s)s seconds.") % {"s": wait}, Retry_After=str(wait))


def caller(request):
    """(system or None, refusal response or None): a Bearer token is checked for the data.read scope."""
    if "Authorization" not in request.headers:
        return None, None
    try:
        return authenticate(request, "data.read"), None
    except Refused as refused:
        response = error(refused.status, refused.reason)
        if refused.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return None, response


def _json(request, body: dict, public: bool, etag_seed: str | None = None) -> HttpResponse:
    seed = etag_seed or json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)
    etag = '"' + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={getattr(settings, 'API_CACHE_MAX_AGE', 60)}" if public else "private, no-store"
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


def dataset_url(request, page: DatasetPage) -> str:
    return request.build_absolute_uri(f"/api/data/datasets/{page.slug}/")


def describe(request, page: DatasetPage, full: bool = False) -> dict:
    release = page.current_release()
    body = {
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "description": page.description,
        "organ": page.organ.name if page.organ_id else None,
        "topic": page.topic.name if page.topic_id else None,
        "frequency": page.frequency,
        "licence": page.licence,
        "contact": page.contact,
        "temporal_coverage": page.temporal_coverage,
        "spatial_coverage": page.spatial_coverage,
        "access": page.access,
        "html_url": page.get_full_url(request),
        "url": dataset_url(request, page),
        "rows_url": dataset_url(request, page) + "rows/",
        "current_release": _release(release) if release else None,
    }
    if full:
        body["columns"] = [
            {"name": c.name, "label": c.label, "type": c.type, "unit": c.unit, "required": c.required, "codes": c.code_list()}
            for c in page.columns.all()
        ]
        body["releases"] = [_release(r) for r in page.published_releases()]
    return body


def _release(release: Release) -> dict:
    return {
        "key": release.key,
        "date": release.release_date.isoformat(),
        "note": release.note,
        "row_count": release.row_count,
    }


def _find(request, slug: str):
    """(page, reader, system) or an error response."""
    system, refusal = caller(request)
    if refusal is not None:
        return None, refusal
    page = DatasetPage.objects.live().filter(slug=slug).select_related("organ", "topic").first()
    if page is None:
        return None, error(404, _("No dataset %(slug)s") % {"slug": slug[:60]})
    reader = reader_of(page, request, system=system)
    if reader is None:
        if page.access == Access.CLOSED or (system is None and not request.user.is_authenticated):
            return None, error(404, _("No dataset %(slug)s") % {"slug": slug[:60]})  # its existence is not disclosed
        return None, error(403, _("This dataset is shared only with the units and systems it was granted to."))
    return (page, reader), None


@get_only
def datasets(request):
    if (limited := throttled(request)) is not None:
        return limited
    system, refusal = caller(request)
    if refusal is not None:
        return refusal
    qs = readable(request).select_related("organ", "topic").order_by("title")
    if system is not None:
        qs = DatasetPage.objects.live().filter(access__in=[Access.OPEN, Access.SHARED]).order_by("title")
        qs = [p for p in qs if reader_of(p, request, system=system) is not None]
    items = [describe(request, page) for page in qs]
    public = system is None and not request.user.is_authenticated
    return _json(request, {"meta": {"total_count": len(items)}, "items": items}, public, f"{changes.current()}|{items}")


@get_only
def dataset(request, slug: str):
    if (limited := throttled(request)) is not None:
        return limited
    found, failure = _find(request, slug)
    if failure is not None:
        return failure
    page, reader = found
    log_read(page, request, reader, "api")
    return _json(request, describe(request, page, full=True), page.is_public())


@get_only
def rows(request, slug: str):
    if (limited := throttled(request)) is not None:
        return limited
    found, failure = _find(request, slug)
    if failure is not None:
        return failure
    page, reader = found
    key = request.GET.get("release")
    releases = page.published_releases()
    release = releases.filter(key=key).first() if key else releases.first()
    if release is None:
        return error(404, _("No such release") if key else _("This dataset has no release yet"), "release" if key else "")
    try:
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        return error(400, _("limit and offset must be integers"), "limit")
    if not 1 <= limit <= MAX_LIMIT:
        return error(400, _("limit must be between 1 and %(max)s") % {"max": MAX_LIMIT}, "limit")
    if not 0 <= offset <= 10_000_000:
        return error(400, _("offset must be between 0 and 10000000"), "offset")
    try:
        query = parse(release, request.GET, extra_reserved=frozenset({"limit", "offset"}))
    except BadQuery as bad:
        return error(400, bad.message, bad.param)
    log_read(page, request, reader, "api")
    # A published release never changes: its id, the query and the reader's kind name the answer.
    seed = f"{release.pk}|{release.published_at}|{sorted(request.GET.lists())}|{page.access}"
    etag = '"' + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        return _json(request, {}, page.is_public(), seed)
    qs = query.queryset()
    total = query.count()
    found_rows = list(qs.only("values")[offset : offset + limit])
    base = request.build_absolute_uri(request.path)
    params = request.GET.copy()
    next_url = None
    if offset + limit < total:
        params["offset"] = str(offset + limit)
        next_url = f"{base}?{params.urlencode()}"
    body = {
        "dataset": page.slug,
        "release": _release(release),
        "columns": [{k: c.get(k) for k in ("name", "label", "type", "unit")} for c in query.fields],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": next_url,
        "rows": query.as_dicts(found_rows),
    }
    return _json(request, body, page.is_public(), seed)

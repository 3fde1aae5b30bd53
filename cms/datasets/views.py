"""What a dataset page answers: the page (metadata, charts, a paged, sortable, filterable preview of a release,
release history) and its downloads; readers checked and non-open reads logged (access.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.datasets import exporting
from cms.datasets.access import log_read, reader_of
from cms.datasets.charts import Chart
from cms.datasets.models import ColumnType, DatasetPage, Release
from cms.datasets.queries import RESERVED, BadQuery, chart_series, parse

PER_PAGE_CHOICES = (20, 50, 100)


def _reader(page: DatasetPage, request, channel: str) -> dict:
    reader = reader_of(page, request)
    if reader is None:
        raise PermissionDenied(_("This dataset is shared only with the units it was granted to."))
    log_read(page, request, reader, channel)
    return reader


def _release(page: DatasetPage, key: str | None) -> Release | None:
    if key is None:
        return page.current_release()
    release = page.published_releases().filter(key=key).first()
    if release is None:
        raise Http404(_("No such release"))
    return release


def charts_of(page: DatasetPage, release: Release) -> list[Chart]:
    charts = []
    for spec in page.charts.all():
        y = release.column(spec.y_column) or {}
        series = chart_series(
            release,
            spec.x_column,
            spec.y_column,
            spec.aggregate,
            by_value=spec.kind == "bar",
            limit=spec.limit if spec.kind == "bar" else 60,
        )
        if series:
            charts.append(Chart(spec.title, spec.kind, y.get("unit", ""), series))
    return charts


def filter_fields(release: Release, params) -> list[dict]:
    """The preview's filter form: one field (or a min/max pair) per filterable column, with what was typed."""
    fields = []
    for column in release.columns:
        if not column.get("slot"):
            continue
        name = column["name"]
        if column["type"] in (ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE):
            fields.append(
                {
                    "column": column,
                    "range": True,
                    "input": "date" if column["type"] == ColumnType.DATE else "number",
                    "min": params.get(f"{name}__gte", ""),
                    "max": params.get(f"{name}__lte", ""),
                }
            )
        else:
            fields.append({"column": column, "range": False, "codes": column.get("codes") or [], "value": params.get(name, "")})
    return fields


def history(page: DatasetPage) -> list[dict]:
    releases = list(page.published_releases())
    rows = []
    for i, release in enumerate(releases):
        previous = releases[i + 1] if i + 1 < len(releases) else None
        rows.append({"release": release, "change": release.row_count - previous.row_count if previous else None})
    return rows


def serve_dataset(page: DatasetPage, request, key: str | None = None):
    _reader(page, request, "page")
    release = _release(page, key)
    context = page.get_context(request)
    context.update({"release": release, "history": history(page), "error": None, "per_page_choices": PER_PAGE_CHOICES})
    if release is not None:
        params = request.GET.copy()
        try:
            query = parse(release, params)
        except BadQuery as bad:
            context["error"] = bad.message
            params = params.__class__(mutable=True)
            query = parse(release, {})
        try:
            per_page = int(request.GET.get("per_page", PER_PAGE_CHOICES[0]))
        except ValueError:
            per_page = PER_PAGE_CHOICES[0]
        per_page = per_page if per_page in PER_PAGE_CHOICES else PER_PAGE_CHOICES[0]
        paginator = Paginator(query.queryset().only("n", "values"), per_page)
        paginator.count = query.count()  # known or cached; saves counting a million rows at each page
        page_obj = paginator.get_page(request.GET.get("page"))
        kept = {k: v for k, v in params.items() if k not in ("page",) and v != ""}
        sort = params.get("sort", "")
        columns = []
        for column in release.columns:
            sortable = bool(column.get("slot"))
            current = "ascending" if sort == column["name"] else "descending" if sort == "-" + column["name"] else "none"
            next_sort = "-" + column["name"] if current == "ascending" else column["name"]
            columns.append({"column": column, "sortable": sortable, "aria_sort": current, "next_sort": next_sort})
        context.update(
            {
                "query": query,
                "columns": columns,
                "rows": [row.values for row in page_obj.object_list],
                "page_obj": page_obj,
                "filters": filter_fields(release, params),
                "querystring": urlencode(kept),
                "kept": kept,
                "filter_query": {k: v for k, v in kept.items() if k not in RESERVED or k == "sort"},
                "charts": charts_of(page, release),
                "per_page": per_page,
            }
        )
    response = TemplateResponse(request, page.get_template(request), context)
    if not page.is_public():
        response["Cache-Control"] = "private, no-store"
    return response


def serve_download(page: DatasetPage, request, fmt: str, key: str | None = None):
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404(_("Unknown format"))
    _reader(page, request, "download")
    release = _release(page, key or request.GET.get("release") or None)
    if release is None:
        raise Http404(_("This dataset has no release yet"))
    try:
        query = parse(release, request.GET)
    except BadQuery as bad:
        from django.http import HttpResponseBadRequest

        return HttpResponseBadRequest(bad.message, content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = exporting.csv_response(query, page.slug)
    elif fmt == "xlsx":
        response = exporting.xlsx_response(query, page.slug)
    else:
        meta = {"dataset": page.title, "release": release.key, "release_date": release.release_date.isoformat()}
        response = exporting.json_response(query, page.slug, meta)
    if not page.is_public():
        response["Cache-Control"] = "private, no-store"
    return response

"""Downloads of a release (whole or filtered) as CSV, XLSX and JSON, streamed a chunk of rows at a time. Text cells
that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) are neutralised with a leading
apostrophe, so a cell such as =HYPERLINK(...) stays text in Excel and WPS."""

from __future__ import annotations

import csv
import io
import json
import tempfile

from django.http import FileResponse, StreamingHttpResponse

from cms.datasets.models import ColumnType
from cms.datasets.queries import RowQuery

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000
TEXT_TYPES = {ColumnType.TEXT, ColumnType.CODE}


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _rows(query: RowQuery):
    """Row values (for the query's fields), text neutralised, read in chunks by keyset on the sort."""
    indexes = query.field_indexes()
    texts = {i for i in indexes if query.release.columns[i]["type"] in TEXT_TYPES}
    qs = query.queryset().only("values")
    for row in qs.iterator(chunk_size=CHUNK):
        yield [neutralise(row.values[i]) if i in texts else row.values[i] for i in indexes]


def _header(query: RowQuery) -> list[str]:
    return [c["name"] for c in query.fields]


def filename(query: RowQuery, slug: str, extension: str) -> str:
    suffix = "-filtered" if query.is_filtered else ""
    return f"{slug}-{query.release.key}{suffix}.{extension}"


def csv_response(query: RowQuery, slug: str) -> StreamingHttpResponse:
    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM as such
        writer.writerow(_header(query))
        writer.writerow([c["label"] + (f"（{c['unit']}）" if c.get("unit") else "") for c in query.fields])
        for i, values in enumerate(_rows(query)):
            writer.writerow(["" if v is None else v for v in values])
            if i % 500 == 0:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(query, slug, "csv")}"'
    return response


def json_response(query: RowQuery, slug: str, meta: dict) -> StreamingHttpResponse:
    def generate():
        head = dict(meta, columns=[{k: c.get(k) for k in ("name", "label", "type", "unit")} for c in query.fields])
        yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [').encode("utf-8")
        names = _header(query)
        first = True
        for values in _rows(query):
            item = json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False)
            yield (item if first else "," + item).encode("utf-8")
            first = False
        yield b"]}"

    response = StreamingHttpResponse(generate(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(query, slug, "json")}"'
    return response


def xlsx_response(query: RowQuery, slug: str) -> FileResponse:
    """openpyxl's write-only workbook, spooled to a temporary file (on disk past 8 MB) and streamed from there."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(query.release.key)[:31] or "data")
    sheet.append(_header(query))
    sheet.append([c["label"] + (f"（{c['unit']}）" if c.get("unit") else "") for c in query.fields])
    for values in _rows(query):
        sheet.append(values)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename(query, slug, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

"""The push API for business systems: POST /api/data/datasets/<slug>/releases/ with a token holding the
data.releases scope, from the dataset's source system. The body is a CSV or XLSX file (multipart field `file`,
with `key`, `date`, `note`) or JSON `{"key", "date", "note", "rows": [{column: value}, …]}`. Idempotent by release
key: a key already published answers 200 with that release and changes nothing; a new one is imported whole and
answers 201, or 422 with the errors (row, column, reason) and nothing published."""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.datasets.importing import import_release, prepare_release
from cms.datasets.models import DatasetPage, Release
from delivery.data.api import _release, error
from govcms.integrations.access import system_api


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _rows_to_csv(page: DatasetPage, rows) -> tempfile.SpooledTemporaryFile:
    names = [c.name for c in page.columns.all()]
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(names)
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError(_("each row must be an object of column: value"))
        writer.writerow(["" if row.get(n) is None else row.get(n) for n in names])
    text.flush()
    text.detach()
    spool.seek(0)
    return spool


@require_POST
@system_api("data.releases")
def push_release(request, slug: str):
    page = DatasetPage.objects.filter(slug=slug).first()
    if page is None:
        return error(404, _("No dataset %(slug)s") % {"slug": slug[:60]})
    if page.source_system_id != request.system.pk:
        return error(403, _("This business system is not the source of this dataset."))
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return error(400, _("The body is not valid JSON."))
        if not isinstance(body, dict) or not isinstance(body.get("rows"), list):
            return error(400, _("The body must be an object with key, date and rows."), "rows")
        fields, upload, name = body, None, "rows.json"
    else:
        fields, upload = request.POST, request.FILES.get("file")
        if upload is None:
            return error(400, _("Send a file (multipart field file) or JSON rows."), "file")
        if upload.size > getattr(settings, "DATASET_MAX_UPLOAD_BYTES", 1 << 30):
            return error(413, _("The file is too large."), "file")
        name = upload.name
    key = str(fields.get("key") or "").strip()[:100]
    if not key:
        return error(400, _("A release key is required."), "key")
    release_date = _date(fields.get("date") or "")
    if release_date is None:
        return error(400, _("date must be YYYY-MM-DD."), "date")
    release, _created = prepare_release(page, key, release_date, str(fields.get("note") or "")[:300], system=request.system)
    if release.status == Release.Status.PUBLISHED:
        return JsonResponse({"status": "unchanged", "release": _release(release)}, status=200)
    try:
        stream = _rows_to_csv(page, fields["rows"]) if upload is None else upload.file
    except ValueError as exc:
        return error(400, str(exc), "rows")
    outcome = import_release(release, stream, name)
    if not outcome.ok:
        return JsonResponse(
            {
                "message": _("The release was refused; nothing was published."),
                "error_count": outcome.error_count,
                "errors": outcome.errors,
            },
            status=422,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"status": "published", "release": _release(release)}, status=201, json_dumps_params={"ensure_ascii": False}
    )

"""Importing a release from CSV (UTF-8 or GB18030) or XLSX, streamed: every row is checked against the schema and
written in batches under the release, which is published only when the whole file is good. A file with errors is
refused whole, with the first hundred errors (row, column, reason) and their count, and its rows are removed.

Memory stays flat whatever the file's size: the CSV module reads a decoded stream, openpyxl reads XLSX in
read-only mode, and rows go to the database a batch at a time. An XLSX file is a ZIP: its members' inflated size
and compression ratio are checked before openpyxl opens it, so a zip bomb costs nothing."""

from __future__ import annotations

import codecs
import csv
import datetime
import decimal
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import reset_queries, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core import changes
from cms.datasets.models import TEXT_MAX, ColumnType, Release, Row
from govcms.security import archives

MAX_ERRORS = 100
BATCH = 2000
SCAN_CHUNK = 1 << 20
INT_RE = re.compile(r"^[+-]?\d+$")
GROUPED_INT_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Refused(Exception):
    """The file cannot be read at all (encoding, format, zip bomb, header): one readable reason."""


@dataclass
class Outcome:
    ok: bool
    rows: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0


def max_inflated() -> int:
    return int(getattr(settings, "DATASET_XLSX_MAX_INFLATED", 1 << 30))


def max_ratio() -> int:
    return int(getattr(settings, "DATASET_XLSX_MAX_RATIO", 200))


# -- reading ------------------------------------------------------------------------------------------------


def detect_encoding(stream) -> str:
    """'utf-8-sig' or 'gb18030', decided by decoding the whole stream incrementally (a chunk at a time); Refused
    when it is neither, or holds NUL bytes (UTF-16, a binary file)."""
    for encoding in ("utf-8-sig", "gb18030"):
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        try:
            while chunk := stream.read(SCAN_CHUNK):
                if b"\x00" in chunk:
                    raise Refused(_("The file holds NUL bytes: it is not a CSV text file in UTF-8 or GB18030."))
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        stream.seek(0)
        return encoding
    raise Refused(_("The file's encoding is neither UTF-8 nor GB18030; save it as CSV UTF-8 and try again."))


def check_xlsx(stream) -> None:
    """Refuse a file that is not an XLSX workbook or would inflate beyond the limits (a zip bomb), read from the
    archive's directory before anything is inflated (govcms.security.archives, with the datasets' own limits)."""
    limits = archives.ZipLimits(max_inflated=max_inflated(), max_entries=archives.DEFAULT_MAX_ENTRIES, max_ratio=max_ratio())
    try:
        names = archives.inspect(stream, limits)
    except archives.ArchiveRefused as refused:
        if refused.reason == "damaged":
            raise Refused(_("The file is not an XLSX workbook.")) from None
        raise Refused(
            _("The workbook would inflate far beyond its size (%(detail)s), like a zip bomb; it is refused.")
            % {"detail": refused.detail}
        ) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise Refused(_("The file is not an XLSX workbook."))
    stream.seek(0)


@dataclass
class Source:
    header: list[str]
    rows: Iterator[tuple[int, list]]  # (row number in the file, 1 = header; cells)
    total: int  # of the unit `done()` counts in
    done: Callable[[], int]


def open_source(stream, name: str) -> Source:
    """The header and a row iterator of a CSV or XLSX file (chosen by its content, not its name)."""
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_source(stream)
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise Refused(_("The file is not an XLSX workbook."))
    encoding = detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise Refused(_("The file is empty.")) from None
    except csv.Error as exc:
        raise Refused(_("The file is not a readable CSV file: %(error)s") % {"error": exc}) from None

    def rows():
        try:
            yield from enumerate(reader, start=2)
        except csv.Error as exc:
            raise Refused(_("Line %(line)s is not valid CSV: %(error)s") % {"line": reader.line_num, "error": exc}) from None

    def done() -> int:
        try:
            return stream.tell()
        except (OSError, ValueError):
            return 0

    source = Source(header=[str(h or "").strip() for h in header], rows=rows(), total=size, done=done)
    source.text = text  # kept alive: closing the wrapper would close the file
    return source


def _xlsx_source(stream) -> Source:
    check_xlsx(stream)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise Refused(_("The workbook cannot be read: %(error)s") % {"error": exc}) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = next(iterator)
    except StopIteration:
        raise Refused(_("The file is empty.")) from None
    counter = {"n": 0}

    def rows():
        for number, cells in enumerate(iterator, start=2):
            counter["n"] = number
            yield number, list(cells)
        workbook.close()

    total = sheet.max_row or 0
    return Source(header=[str(h or "").strip() for h in header], rows=rows(), total=total, done=lambda: counter["n"])


# -- checking -----------------------------------------------------------------------------------------------


class Checker:
    """Maps a file's header to the schema's columns and turns each row into typed values, or errors."""

    def __init__(self, columns: list[dict], header: list[str]):
        self.columns = columns
        self.errors: list[dict] = []
        self.error_count = 0
        by_key = {}
        for i, column in enumerate(columns):
            by_key[column["name"].lower()] = i
            by_key[column["label"]] = i
        self.positions: list[int | None] = [None] * len(columns)
        for position, title in enumerate(header):
            title = title.lstrip("\ufeff").strip()
            if not title:
                continue
            index = by_key.get(title.lower(), by_key.get(title))
            if index is None:
                self.error(1, title, _("unknown column: it is not in the dataset's schema"))
            elif self.positions[index] is not None:
                self.error(1, title, _("the column appears twice"))
            else:
                self.positions[index] = position
        for index, column in enumerate(columns):
            if self.positions[index] is None:
                self.error(1, column["label"], _("missing column %(name)s") % {"name": column["name"]})
        self.codes = [set(c.get("codes") or []) for c in columns]

    def error(self, row: int, column: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "column": column, "reason": str(reason)})

    def check(self, number: int, cells: list) -> tuple[list, dict] | None:
        """(values in column order, slot values) or None when the row has errors (recorded)."""
        values, slots, ok = [], {}, True
        for index, column in enumerate(self.columns):
            position = self.positions[index]
            raw = cells[position] if position is not None and position < len(cells) else None
            try:
                value = self.parse(column, raw, self.codes[index])
            except ValueError as exc:
                self.error(number, column["label"], str(exc))
                ok = False
                continue
            values.append(value)
            if column.get("slot") and value is not None:
                slots[column["slot"]] = datetime.date.fromisoformat(value) if column["type"] == ColumnType.DATE else value
        return (values, slots) if ok else None

    @staticmethod
    def parse(column: dict, raw, codes: set):
        kind = column["type"]
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if column.get("required"):
                raise ValueError(_("required cell is empty"))
            return None
        if kind == ColumnType.INTEGER:
            if isinstance(raw, bool):
                raise ValueError(_("not an integer: %(value)s") % {"value": raw})
            if isinstance(raw, int):
                return raw
            if isinstance(raw, float) and raw.is_integer():
                return int(raw)
            text = str(raw)
            if GROUPED_INT_RE.match(text):
                text = text.replace(",", "")
            if not INT_RE.match(text):
                raise ValueError(_("not an integer: %(value)s") % {"value": _short(raw)})
            return int(text)
        if kind == ColumnType.DECIMAL:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                number = decimal.Decimal(str(raw))
            else:
                text = str(raw).replace(",", "") if GROUPED_INT_RE.match(str(raw).split(".")[0]) else str(raw)
                try:
                    number = decimal.Decimal(text)
                except decimal.InvalidOperation:
                    raise ValueError(_("not a number: %(value)s") % {"value": _short(raw)}) from None
            if not number.is_finite():
                raise ValueError(_("not a number: %(value)s") % {"value": _short(raw)})
            return float(number)
        if kind == ColumnType.DATE:
            if isinstance(raw, datetime.datetime):
                return raw.date().isoformat()
            if isinstance(raw, datetime.date):
                return raw.isoformat()
            text = str(raw)
            if not DATE_RE.match(text):
                raise ValueError(_("date not in the form YYYY-MM-DD: %(value)s") % {"value": _short(raw)})
            try:
                return datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                raise ValueError(_("no such date: %(value)s") % {"value": _short(raw)}) from None
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        if kind == ColumnType.CODE and codes and text not in codes:
            raise ValueError(_("%(value)s is not one of the allowed codes") % {"value": _short(text)})
        if len(text) > TEXT_MAX:
            raise ValueError(_("longer than %(max)s characters") % {"max": TEXT_MAX})
        return text


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


# -- the import ---------------------------------------------------------------------------------------------


def import_release(release: Release, stream, name: str, progress: Callable[[int, int, str], None] | None = None) -> Outcome:
    """Read `stream` into `release` (whose `columns` hold the schema with slots). Publishes it when every row is
    good; otherwise marks it refused with its errors and removes any row written. Never raises for bad input."""
    release.status = Release.Status.IMPORTING
    release.errors, release.error_count, release.rows_done, release.bytes_done = [], 0, 0, 0
    release.save(update_fields=["status", "errors", "error_count", "rows_done", "bytes_done"])
    Row.objects.filter(release=release).delete()
    try:
        outcome = _run(release, stream, name, progress)
    except Refused as refused:
        outcome = Outcome(ok=False, errors=[{"row": 0, "column": "", "reason": str(refused)}], error_count=1)
    if outcome.ok:
        with transaction.atomic():
            release.status = Release.Status.PUBLISHED
            release.row_count = outcome.rows
            release.rows_done = outcome.rows
            release.bytes_done = release.bytes_total
            release.published_at = timezone.now()
            release.save()
        changes.bump()
    else:
        _discard_rows(release)
        release.status = Release.Status.FAILED
        release.errors = outcome.errors
        release.error_count = outcome.error_count
        release.row_count = 0
        release.save()
    return outcome


def _discard_rows(release: Release) -> None:
    Row.objects.filter(release=release)._raw_delete(Row.objects.db)


def _run(release: Release, stream, name: str, progress) -> Outcome:
    if progress:
        progress(0, 0, "check")
    source = open_source(stream, name)
    release.bytes_total = source.total
    release.save(update_fields=["bytes_total"])
    checker = Checker(release.columns, source.header)
    if checker.error_count:
        return Outcome(ok=False, errors=checker.errors, error_count=checker.error_count)
    width = len(release.columns)
    batch: list[Row] = []
    count = 0
    for number, cells in source.rows:
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue  # a blank line
        checked = checker.check(number, cells)
        if checked is None:
            continue
        count += 1
        if checker.error_count:
            continue  # nothing more is written once the file is known to be refused
        values, slots = checked
        batch.append(Row(release=release, n=count, values=values[:width], **slots))
        if len(batch) >= BATCH:
            _flush(release, batch, count, source, progress)
            batch = []
    if checker.error_count:
        return Outcome(ok=False, errors=checker.errors, error_count=checker.error_count)
    if count == 0:
        return Outcome(ok=False, errors=[{"row": 2, "column": "", "reason": _("the file has no rows")}], error_count=1)
    _flush(release, batch, count, source, progress)
    return Outcome(ok=True, rows=count)


def _flush(release: Release, batch: list[Row], count: int, source: Source, progress) -> None:
    with transaction.atomic():
        Row.objects.bulk_create(batch)
        Release.objects.filter(pk=release.pk).update(rows_done=count, bytes_done=source.done())
    if settings.DEBUG:  # DEBUG keeps every query's SQL: thousands of rows per batch would pile up in memory
        reset_queries()
    if progress:
        progress(source.done(), source.total, "rows")


def prepare_release(page, key: str, release_date, note: str = "", system=None, user=None) -> tuple[Release, bool]:
    """(release, created): a new release of `page` with the dataset's current schema, or the one already made with
    this key (a published one is returned as it is: pushing the same key twice changes nothing)."""
    existing = Release.objects.filter(dataset=page, key=key).first()
    if existing is not None:
        if existing.status in (Release.Status.FAILED, Release.Status.QUEUED):
            existing.columns = page.schema()
            existing.release_date, existing.note = release_date, note
            existing.save(update_fields=["columns", "release_date", "note"])
        return existing, False
    release = Release.objects.create(
        dataset=page, key=key, release_date=release_date, note=note, columns=page.schema(), system=system, created_by=user
    )
    return release, True

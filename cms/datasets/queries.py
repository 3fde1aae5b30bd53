"""Reading a release's rows with filters on any column (equality, ranges for numbers and dates, a word in text),
sorting and a field list, from query parameters; shared by the dataset page, its downloads and the data API.

`?unit=省财政厅&year__gte=2020&year__lte=2024&sort=-total_kgce&fields=unit,year,total_kgce`"""

from __future__ import annotations

import datetime
import decimal
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from cms.datasets.models import ColumnType, Release, Row

RESERVED = {"release", "format", "page", "per_page", "limit", "offset", "sort", "fields"}
OPERATORS = {"gte", "lte", "gt", "lt", "contains"}
RANGE_TYPES = {ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE}


class BadQuery(ValueError):
    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class RowQuery:
    release: Release
    filters: list[tuple[dict, str, object]] = field(default_factory=list)  # (column, operator, value)
    sort: list[tuple[dict, bool]] = field(default_factory=list)  # (column, descending)
    fields: list[dict] = field(default_factory=list)

    def queryset(self):
        qs = Row.objects.filter(release=self.release)
        for column, operator, value in self.filters:
            slot = column["slot"]
            if operator == "eq":
                qs = qs.filter(**{f"{slot}__in": value}) if len(value) > 1 else qs.filter(**{slot: value[0]})
            elif operator == "contains":
                qs = qs.filter(**{f"{slot}__contains": value})
            else:
                qs = qs.filter(**{f"{slot}__{operator}": value})
        order = [("-" if desc else "") + column["slot"] for column, desc in self.sort]
        return qs.order_by(*order, "n")

    def count(self) -> int:
        """Rows matching the filters; a published release never changes, so counts are kept in the cache."""
        if not self.filters:
            return self.release.row_count
        key = "datasets:count:{}:{}".format(
            self.release.pk,
            hashlib.sha256(repr([(c["name"], op, v) for c, op, v in self.filters]).encode()).hexdigest()[:32],
        )
        found = cache.get(key)
        if found is None:
            found = self.queryset().order_by().count()
            cache.set(key, found, 86400)
        return found

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters)

    def field_indexes(self) -> list[int]:
        names = [c["name"] for c in self.release.columns]
        return [names.index(c["name"]) for c in self.fields]

    def as_dicts(self, rows) -> list[dict]:
        indexes = self.field_indexes()
        return [{self.release.columns[i]["name"]: row.values[i] for i in indexes} for row in rows]


def _value(column: dict, raw: str, param: str):
    kind = column["type"]
    try:
        if kind == ColumnType.INTEGER:
            return int(raw)
        if kind == ColumnType.DECIMAL:
            number = decimal.Decimal(raw)
            if not number.is_finite():
                raise ValueError
            return float(number)
        if kind == ColumnType.DATE:
            return datetime.date.fromisoformat(raw)
    except (ValueError, decimal.InvalidOperation):
        expected = {
            ColumnType.INTEGER: _("an integer"),
            ColumnType.DECIMAL: _("a number"),
            ColumnType.DATE: _("a date YYYY-MM-DD"),
        }[kind]
        raise BadQuery(
            param, _("%(param)s must be %(expected)s, not %(value)s") % {"param": param, "expected": expected, "value": raw[:40]}
        ) from None
    if len(raw) > 200 or "\x00" in raw:
        raise BadQuery(param, _("%(param)s is too long or holds a NUL byte") % {"param": param})
    if kind == ColumnType.CODE and column.get("codes") and raw not in column["codes"]:
        raise BadQuery(param, _("%(value)s is not a code of %(param)s") % {"value": raw[:40], "param": param})
    return raw


def _column(release: Release, name: str, param: str) -> dict:
    column = release.column(name)
    if column is None:
        known = ", ".join(c["name"] for c in release.columns)
        raise BadQuery(param, _("unknown column %(name)s; the columns are: %(known)s") % {"name": name[:40], "known": known})
    if not column.get("slot"):
        raise BadQuery(param, _("column %(name)s cannot be filtered or sorted") % {"name": name})
    return column


def parse(release: Release, params, extra_reserved: frozenset = frozenset()) -> RowQuery:
    """A RowQuery from query parameters (a QueryDict or a dict of lists); BadQuery names the first bad one."""
    query = RowQuery(release=release)
    getlist = (
        params.getlist if hasattr(params, "getlist") else (lambda k: params[k] if isinstance(params[k], list) else [params[k]])
    )
    for key in params.keys():
        if key in RESERVED or key in extra_reserved:
            continue
        name, _sep, operator = key.partition("__")
        column = _column(release, name, key)
        values = [v for v in getlist(key) if v != ""]
        if not values:
            continue
        if not operator:
            query.filters.append((column, "eq", [_value(column, v, key) for v in values[:50]]))
        elif operator not in OPERATORS:
            raise BadQuery(key, _("unknown operator %(op)s; use gte, lte, gt, lt or contains") % {"op": operator[:20]})
        elif operator == "contains":
            if column["type"] not in (ColumnType.TEXT, ColumnType.CODE):
                raise BadQuery(key, _("contains works on text columns only"))
            query.filters.append((column, "contains", _value(column, values[-1], key)))
        else:
            if column["type"] not in RANGE_TYPES:
                raise BadQuery(key, _("ranges work on number and date columns only"))
            query.filters.append((column, operator, _value(column, values[-1], key)))
    sort = (params.get("sort") or "").strip()
    for part in [p.strip() for p in sort.split(",") if p.strip()][:3]:
        query.sort.append((_column(release, part.lstrip("-"), "sort"), part.startswith("-")))
    fields = (params.get("fields") or "").strip()
    if fields:
        for name in [f.strip() for f in fields.split(",") if f.strip()]:
            column = release.column(name)
            if column is None:
                raise BadQuery("fields", _("unknown column %(name)s") % {"name": name[:40]})
            query.fields.append(column)
    else:
        query.fields = list(release.columns)
    return query


def chart_series(release: Release, x_name: str, y_name: str, aggregate: str = "sum", by_value: bool = False, limit: int = 0):
    """[(label, value)] of the y column combined over rows by the x column (a date column by its year); kept in the
    cache, as a published release never changes."""
    key = f"datasets:chart:{release.pk}:{x_name}:{y_name}:{aggregate}:{int(by_value)}:{limit}"
    found = cache.get(key)
    if found is None:
        found = _chart_series(release, x_name, y_name, aggregate, by_value, limit)
        cache.set(key, found, 86400)
    return found


def _chart_series(release: Release, x_name: str, y_name: str, aggregate: str, by_value: bool, limit: int):
    x, y = release.column(x_name), release.column(y_name)
    if not x or not y or not x.get("slot") or not y.get("slot") or y["type"] not in (ColumnType.INTEGER, ColumnType.DECIMAL):
        return []
    function = Avg if aggregate == "avg" else Sum
    qs = Row.objects.filter(release=release)
    key = x["slot"]
    if x["type"] == ColumnType.DATE:
        qs = qs.annotate(x_year=ExtractYear(key))
        key = "x_year"
    qs = qs.values(key).annotate(value=function(y["slot"])).filter(value__isnull=False)
    qs = qs.order_by("-value") if by_value else qs.order_by(key)
    if limit:
        qs = qs[:limit]
    series = []
    for item in qs:
        label = item[key]
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        series.append((str(label), float(item["value"])))
    return series

"""Recounting stored deadlines after the calendar changed, for the apps that store them: pick the open cases whose
counting crossed the changed years, count each with the app's own rule, save the changed ones in bulk, and write the
trace in Wagtail's log (the object's history in the admin). The apps decide what is open and how a deadline counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import ModelLogEntry

from cms.core.dates import chinese_date
from govcms.progress import progress

from .calendar import preloaded

RECOUNTED = "workdays.deadline_recounted"  # the log action of a recounted deadline (wagtail_hooks registers it)
BATCH = 500


@dataclass
class Change:
    obj: Any
    old: dt.date | None
    new: dt.date | None

    def text(self) -> str:
        """The trace in words, as staff and applicants read it: stored, so in the site's language."""
        with override(settings.LANGUAGE_CODE):
            return gettext("The time limit was changed from %(old)s to %(new)s because the working-day calendar changed.") % {
                "old": chinese_date(self.old) if self.old else "—",
                "new": chinese_date(self.new) if self.new else "—",
            }


def year_bounds(years: Iterable[int] | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the changed years (None: every year). A deadline counted from `start` to `due` can
    have changed only if start <= last and due >= first."""
    if years is None:
        return None
    years = sorted(years)
    return dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)


def recount(
    cases: models.QuerySet,
    field: str,
    count: Callable[[Any], dt.date | None],
    *,
    desc: str,
    file=None,
) -> list[Change]:
    """Count every case of `cases` again with `count` (the model's own rule), store the deadlines that changed in
    `field` (bulk, in batches, one transaction) and return the changes. The entered days are read once."""
    changes: list[Change] = []
    total = cases.count()
    if not total:
        return changes
    with transaction.atomic(), preloaded():
        with progress(desc=desc, total=total, unit="case", file=file, disable=file is None) as bar:
            for batch in _batches(cases):
                changed = []
                for obj in batch:
                    old, new = getattr(obj, field), count(obj)
                    if new != old:
                        setattr(obj, field, new)
                        changed.append(obj)
                        changes.append(Change(obj, old, new))
                if changed:
                    cases.model.objects.bulk_update(changed, [field])
                bar.update(len(batch))
    return changes


def _batches(cases: models.QuerySet) -> Iterator[list]:
    """The cases by primary key, BATCH at a time, each batch read before it is written (no cursor stays open over
    the rows being updated, which SQLite does not isolate)."""
    last = None
    while True:
        batch = list((cases if last is None else cases.filter(pk__gt=last)).order_by("pk")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def log_changes(changes: list[Change], user=None) -> None:
    """One entry per changed deadline in Wagtail's log: the object's history page in the admin shows it."""
    if not changes:
        return
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(type(changes[0].obj))
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(change.obj.pk),
                label=str(change.obj)[:255],
                action=RECOUNTED,
                data={"old": _iso(change.old), "new": _iso(change.new)},
                timestamp=now,
                user_id=getattr(user, "pk", None),
            )
            for change in changes
        ],
        batch_size=BATCH,
    )


def history(obj) -> list[dict]:
    """The recounts of `obj`'s deadline, oldest first, as the handling pages list them: {"at", "text"}."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk), action=RECOUNTED
    ).order_by("timestamp", "pk")
    return [{"at": entry.timestamp, "text": change_of(obj, entry.data).text()} for entry in entries]


def change_of(obj, data: dict | None) -> Change:
    """The change a log entry's data records."""
    data = data or {}
    return Change(obj, day_from_iso(data.get("old")), day_from_iso(data.get("new")))


def day_from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

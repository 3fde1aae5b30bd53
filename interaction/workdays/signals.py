"""`calendar_changed(years, user)`: sent once a change to the working-day calendar is committed, so that the apps
storing deadlines (letters, disclosure requests, services …) recount their open cases. Workdays knows none of them:
each connects its own receiver, which returns how many deadlines it changed."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver
from wagtail.log_actions import get_active_log_context

from .models import CalendarDay, HolidayNotice

# years: a frozenset of the years whose calendar changed, or None for every year (manage.py recount_deadlines);
# user: who changed it (None for a command); file: where a long recount shows its progress (None: nowhere).
calendar_changed = Signal()

_pending = threading.local()


def announce(years: set[int], user=None) -> None:
    """Send calendar_changed for `years` after the current transaction commits (at once outside one). Changes made
    in one transaction are sent together, once: a later callback finds nothing left to send."""
    if not hasattr(_pending, "years"):
        _pending.years, _pending.user = set(), None
    _pending.years |= set(years)
    _pending.user = user or _pending.user
    transaction.on_commit(_send)


def _send() -> None:
    years, user = getattr(_pending, "years", set()), getattr(_pending, "user", None)
    _pending.years, _pending.user = set(), None
    if years:
        _pending.last = recount(frozenset(years), user=user)


def last_recount() -> dict[str, int]:
    """What the last recount sent after a commit in this thread changed (the admin's message after a save), and
    forget it."""
    counts = getattr(_pending, "last", {})
    _pending.last = {}
    return counts


def recount(years: frozenset[int] | None = None, user=None, file=None) -> dict[str, int]:
    """Recount now: the deadlines changed, by the receiving model's verbose name."""
    answers = calendar_changed.send(sender=CalendarDay, years=years, user=user, file=file)
    counts: dict[str, int] = {}
    for handler, changed in answers:
        label = str(getattr(handler, "recounts", handler.__module__))
        counts[label] = counts.get(label, 0) + int(changed or 0)
    return counts


def _year(instance) -> int:
    return instance.date.year if isinstance(instance, CalendarDay) else instance.year


@receiver(pre_save, sender=CalendarDay)
@receiver(pre_save, sender=HolidayNotice)
def _remember_year(sender, instance, raw: bool = False, **kwargs) -> None:
    """A day moved to another date (a notice to another year) changes the year it left as well."""
    old = sender.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    instance._years_before = {_year(old)} if old else set()


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=HolidayNotice)
@receiver(post_delete, sender=HolidayNotice)
def _calendar_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loading a fixture or a backup: `manage.py recount_deadlines` once it is all in
        return
    announce({_year(instance)} | getattr(instance, "_years_before", set()), get_active_log_context().user)

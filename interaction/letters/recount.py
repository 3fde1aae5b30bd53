"""Open letters' deadlines counted again when the working-day calendar changes (workdays' calendar_changed signal,
`manage.py recount_deadlines`); each change is kept in the letter's history."""

from __future__ import annotations

import datetime as dt

from django.dispatch import receiver
from django.utils import timezone

from interaction.workdays.recount import log_changes, recount, year_bounds
from interaction.workdays.signals import calendar_changed

from .models import Letter


@receiver(calendar_changed, dispatch_uid="letters.recount")
def recount_letters(sender, years=None, user=None, file=None, **kwargs) -> int:
    letters = Letter.objects.filter(status__in=Letter.OPEN, deadline__isnull=False).select_related("category")
    bounds = year_bounds(years)
    if bounds:
        after = timezone.make_aware(dt.datetime.combine(bounds[1] + dt.timedelta(days=1), dt.time.min))
        letters = letters.filter(received_at__lt=after, deadline__gte=bounds[0])
    changes = recount(letters.order_by("pk"), "deadline", Letter.count_deadline, desc="letters", file=file)
    log_changes(changes, user)
    return len(changes)


recount_letters.recounts = Letter._meta.verbose_name_plural

"""Open cases' deadlines counted again when the working-day calendar changes (workdays' calendar_changed signal,
`manage.py recount_deadlines`), with the case's own rule (count_deadline: the present step's time limit from the
clock's start; a case paused for 补正 has no deadline); each change goes into the history the applicant reads."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone

from interaction.workdays.recount import recount, year_bounds
from interaction.workdays.signals import calendar_changed

from . import models
from .models import Application, Event

RECOUNTED = "deadline_recounted"  # the history entry's action


@receiver(calendar_changed, dispatch_uid="applications.recount")
def recount_cases(sender, years=None, user=None, file=None, **kwargs) -> int:
    cases = Application.objects.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.REVIEWING], deadline__isnull=False
    ).select_related("service")
    bounds = year_bounds(years)
    if bounds:
        cases = cases.filter(clock_started_on__lte=bounds[1], deadline__gte=bounds[0])
    changes = recount(cases.order_by("pk"), "deadline", Application.count_deadline, desc="applications", file=file)
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(application=change.obj, at=now, action=RECOUNTED, actor_id=getattr(user, "pk", None), public_text=change.text())
            for change in changes
        ],
        batch_size=500,
    )
    models._SOON.clear()  # "nearly due" limits kept for a minute were counted with the old calendar
    return len(changes)


recount_cases.recounts = Application._meta.verbose_name_plural

"""Open disclosure requests' due dates counted again when the working-day calendar changes (workdays'
calendar_changed signal, `manage.py recount_deadlines`), with their own rule (compute_due: the clock's start, the
20 working days and any extension; none while awaiting a correction); each change is kept in the request's history."""

from __future__ import annotations

from django.dispatch import receiver

from interaction.workdays.recount import log_changes, recount, year_bounds
from interaction.workdays.signals import calendar_changed

from .models import DisclosureRequest


@receiver(calendar_changed, dispatch_uid="disclosure_requests.recount")
def recount_requests(sender, years=None, user=None, file=None, **kwargs) -> int:
    requests = DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED).filter(due_on__isnull=False)
    bounds = year_bounds(years)
    if bounds:
        requests = requests.filter(clock_start__lte=bounds[1], due_on__gte=bounds[0])
    changes = recount(requests.order_by("pk"), "due_on", DisclosureRequest.compute_due, desc="disclosure requests", file=file)
    log_changes(changes, user)
    return len(changes)


recount_requests.recounts = DisclosureRequest._meta.verbose_name_plural

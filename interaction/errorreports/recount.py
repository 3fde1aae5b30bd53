"""Open error reports' answer dates counted again when the working-day calendar changes (workdays'
calendar_changed signal, `manage.py recount_deadlines`); each change is kept in the report's history."""

from __future__ import annotations

from django.dispatch import receiver

from interaction.workdays.recount import log_changes, recount, year_bounds
from interaction.workdays.signals import calendar_changed

from .models import ErrorReport


@receiver(calendar_changed, dispatch_uid="errorreports.recount")
def recount_reports(sender, years=None, user=None, file=None, **kwargs) -> int:
    reports = ErrorReport.objects.filter(status=ErrorReport.Status.NEW, due_on__isnull=False)
    bounds = year_bounds(years)
    if bounds:
        reports = reports.filter(received_on__lte=bounds[1], due_on__gte=bounds[0])
    changes = recount(reports.order_by("pk"), "due_on", ErrorReport.count_due, desc="error reports", file=file)
    log_changes(changes, user)
    return len(changes)


recount_reports.recounts = ErrorReport._meta.verbose_name_plural

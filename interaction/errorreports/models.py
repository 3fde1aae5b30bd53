"""A visitor's report of an error on a page of the site; answered within 3 working days, as the census requires.

Reports are never published; the optional contact is personal data, shown to staff only with
privacy.view_personal_data (see wagtail_hooks.py)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from interaction.workdays.calendar import add_workdays, workdays_left

ANSWER_WORKDAYS = 3


class ErrorReport(models.Model):
    class ErrorType(models.TextChoices):
        TYPO = "typo", _("Typo")
        BROKEN_LINK = "broken_link", _("Broken link")
        OUTDATED = "outdated", _("Out-of-date content")
        UNREACHABLE = "unreachable", _("Cannot be reached")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("error report status", "New")
        HANDLED = "handled", _("Handled")

    page_url = models.CharField(_("page address"), max_length=500)
    page = models.ForeignKey(Page, verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error_type = models.CharField(_("kind of error"), max_length=20, choices=ErrorType.choices)
    description = models.TextField(pgettext_lazy("error report", "description"), max_length=2000)
    contact = models.CharField(_("contact (optional)"), max_length=100, blank=True)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    received_on = models.DateField(_("received on"), default=timezone.localdate, editable=False)
    due_on = models.DateField(_("answer due"), null=True, blank=True, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    handling_note = models.TextField(_("handling note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")

    def __str__(self) -> str:
        return f"{self.received_on.isoformat()} {self.get_error_type_display()} {self.page_url}"

    def save(self, *args, **kwargs):
        if self.due_on is None:
            self.due_on = self.count_due()
        super().save(*args, **kwargs)

    def count_due(self) -> dt.date:
        """3 working days after receipt, with the calendar as it stands (recount.py counts open reports again)."""
        return add_workdays(self.received_on, ANSWER_WORKDAYS)

    def deadline_state(self, today: dt.date | None = None) -> str:
        if self.status == self.Status.HANDLED:
            return "done"
        left = workdays_left(self.due_on, today or timezone.localdate())
        return "overdue" if left < 0 else "due_soon" if left <= 1 else "on_time"

    def deadline_flag(self) -> str:
        """The admin listing's deadline column."""
        if self.status == self.Status.HANDLED:
            return gettext("Handled")
        left = workdays_left(self.due_on, timezone.localdate())
        if left < 0:
            return gettext("⚠ OVERDUE by %(days)d working days") % {"days": -left}
        return gettext("%(days)d working days left") % {"days": left}

    deadline_flag.short_description = _("deadline")

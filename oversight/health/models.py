"""What site health keeps: each column's update frequency (editable), the health of each day for a year, and the
link check's stored results (every address found on published pages, where it is used, what it answered)."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ColumnKind(models.TextChoices):
    NEWS = "news", _("News and 动态 (2 weeks)")
    NOTICE = "notice", _("Notices and announcements (6 months)")
    POLICY = "policy", _("Policy documents (6 months)")
    YEARLY = "yearly", _("Plans, personnel, finance and other columns (a year)")
    EXEMPT = "exempt", _("Not checked")


class ColumnRule(models.Model):
    """A column's kind (and so how often it must be updated), chosen by an editor; without a rule the kind is
    guessed from the column's title (动态 → news, 通知/公告 → notice, 政策/文件 → policy, else yearly)."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("column"), on_delete=models.CASCADE, related_name="+", unique=True
    )
    kind = models.CharField(_("kind of column"), max_length=10, choices=ColumnKind.choices)
    max_days = models.PositiveIntegerField(
        _("updated at least every (days)"),
        null=True,
        blank=True,
        help_text=_("Leave blank for the frequency of its kind."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("page"), FieldPanel("kind"), FieldPanel("max_days"), FieldPanel("note")]

    class Meta:
        verbose_name = _("column update rule")
        verbose_name_plural = _("column update rules")

    def __str__(self) -> str:
        return f"{self.page.title} · {self.get_kind_display()}"


class HealthDay(models.Model):
    """The site's health on one day (the last report of that day); a year of them is kept."""

    day = models.DateField(_("day"), unique=True)
    checked_at = models.DateTimeField(_("checked at"))
    status = models.CharField(_("status"), max_length=4)  # pass, warn, fail
    veto_failed = models.BooleanField(_("a veto rule failed"), default=False)
    passed = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("day of site health")
        verbose_name_plural = _("days of site health")


class LinkTarget(models.Model):
    """An address linked from published pages and what it answered when last checked."""

    class Kind(models.TextChoices):
        EXTERNAL = "external", _("External link")
        PAGE = "page", _("Internal link")
        DOCUMENT = "document", _("Attachment")
        IMAGE = "image", _("Image")

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked yet")
        OK = "ok", _("Working")
        FAILING = "failing", _("Failing (not yet broken)")
        BROKEN = "broken", _("Broken")
        SKIPPED = "skipped", _("Not fetched")

    key = models.CharField(max_length=64, unique=True, editable=False)  # sha256 of kind and address
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.TextField(_("address"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UNCHECKED, db_index=True)
    failures = models.PositiveIntegerField(_("failed checks running"), default=0)
    code = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)
    notified_at = models.DateTimeField(_("editors told"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked address")
        verbose_name_plural = _("linked addresses")

    def __str__(self) -> str:
        return self.url

    @staticmethod
    def make_key(kind: str, url: str) -> str:
        return hashlib.sha256(f"{kind} {url}".encode()).hexdigest()


class LinkUse(models.Model):
    """Where an address is linked: a published page and the field."""

    target = models.ForeignKey(LinkTarget, on_delete=models.CASCADE, related_name="uses")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("field"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("link on a page")
        verbose_name_plural = _("links on pages")
        indexes = [models.Index(fields=["page"], name="health_linkuse_page_idx")]


class LinkCheckRun(models.Model):
    """One run of the link check: when, how many addresses and requests, how long."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    addresses = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0)
    broken = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

"""A case (Application) from its draft to its result: the unit or visitor who applied, the typed details, the
attachments (private storage), the review steps, the history the applicant reads, the rating, the e-mail notices
(kept until sent) and the result document's number."""

from __future__ import annotations

import datetime as dt
import secrets
import time

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govcms.storage import private_storage
from interaction.intake.codes import random_code
from interaction.workdays.calendar import add_workdays, is_provisional, workdays_left

CODE_LENGTH = 12


def accept_workdays() -> int:
    """Working days the bureau has to accept or refuse an application once it is complete (SERVICES_ACCEPT_WORKDAYS)."""
    return int(getattr(settings, "SERVICES_ACCEPT_WORKDAYS", 5))


def due_soon_workdays() -> int:
    return int(getattr(settings, "SERVICES_DUE_SOON_WORKDAYS", 2))


_SOON: dict[tuple[dt.date, int], tuple[dt.date, float]] = {}


def soon_limit(today: dt.date) -> dt.date:
    """The last deadline that counts as nearly due today (SERVICES_DUE_SOON_WORKDAYS working days ahead). Kept for a
    minute, so that a list of cases reads the calendar once, not once a row."""
    days = due_soon_workdays()
    if days < 1:
        return today
    hit = _SOON.get((today, days))
    if hit is not None and hit[1] > time.monotonic():
        return hit[0]
    limit = add_workdays(today, days)
    _SOON[(today, days)] = (limit, time.monotonic() + 60)
    return limit


def new_tracking_code() -> str:
    return random_code(CODE_LENGTH)


def upload_path(instance: Attachment, filename: str) -> str:
    return f"applications/{timezone.localdate():%Y/%m}/{secrets.token_hex(12)}/{filename}"


def result_path(instance: Application, filename: str) -> str:
    return f"applications/results/{timezone.localdate():%Y}/{secrets.token_hex(12)}/{filename}"


class Application(models.Model):
    """One case (办件). Drafts belong to a unit; submitted cases run through 受理, 审核 and 办结."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting acceptance")
        CORRECTION = "correction", _("Awaiting missing materials (补正)")
        REVIEWING = "reviewing", _("Accepted, under review")
        DECIDED = "decided", _("Decided")
        REFUSED = "refused", _("Not accepted")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CONDITIONAL = "conditional", _("Approved with conditions")
        REJECTED = "rejected", _("Not approved")

    OPEN = (Status.SUBMITTED, Status.CORRECTION, Status.REVIEWING)
    CLOSED = (Status.DECIDED, Status.REFUSED)

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, default=new_tracking_code, editable=False)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    service = models.ForeignKey(
        "services.ServiceGuidePage", verbose_name=_("service"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    service_name = models.CharField(_("service"), max_length=255)
    form_kind = models.CharField(_("form"), max_length=10)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("project or request"), max_length=120)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("telephone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    clock_started_on = models.DateField(_("clock started"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    correction_items = models.TextField(_("missing materials (补正)"), blank=True)
    correction_requested_at = models.DateTimeField(_("correction requested"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    decision_text = models.TextField(_("decision"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    workdays_used = models.PositiveSmallIntegerField(_("working days used"), null=True, blank=True)
    on_time = models.BooleanField(_("on time"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    result_file = models.FileField(
        _("result document"), storage=private_storage, upload_to=result_path, blank=True, max_length=255
    )
    result_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("published result"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("accept_application", _("Can accept, refuse and ask for missing materials")),
            ("decide_application", _("Can decide applications and publish results")),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def workdays_left(self, today: dt.date | None = None) -> int | None:
        if self.deadline is None or not self.is_open:
            return None
        return workdays_left(self.deadline, today or timezone.localdate())

    def deadline_state(self, today: dt.date | None = None) -> str:
        """overdue, due_soon, on_time, paused (补正) or closed."""
        if self.status == self.Status.CORRECTION:
            return "paused"
        if self.deadline is None or not self.is_open:
            return "closed"
        today = today or timezone.localdate()
        if self.deadline < today:
            return "overdue"
        if self.deadline <= soon_limit(today):
            return "due_soon"
        return "on_time"

    def start_clock(self, day: dt.date, workdays: int) -> None:
        self.clock_started_on = day
        self.deadline = add_workdays(day, max(workdays, 1))

    def time_limit(self) -> int | None:
        """The working days the bureau has at the case's present step: to accept or refuse a submitted application
        (SERVICES_ACCEPT_WORKDAYS), to decide an accepted one (the service's promised time, 20 without a service);
        None while no clock runs (a draft, 补正, a finished case)."""
        if self.status == self.Status.SUBMITTED:
            return accept_workdays()
        if self.status == self.Status.REVIEWING:
            return self.service.promised_workdays if self.service else 20
        return None

    def count_deadline(self) -> dt.date | None:
        """The deadline of the present step counted again from the clock's start with the calendar as it stands
        (recount.py, when the calendar changes); None while no clock runs."""
        limit = self.time_limit()
        if limit is None or self.clock_started_on is None:
            return None
        return add_workdays(self.clock_started_on, max(limit, 1))

    @property
    def deadline_provisional(self) -> bool:
        """Whether the deadline was counted over a year whose holiday notice is not yet confirmed."""
        if self.deadline is None or self.clock_started_on is None:
            return False
        return is_provisional(self.clock_started_on, self.deadline)

    def current_step(self):
        return self.review_steps.filter(done_at__isnull=True).order_by("order", "pk").first()


class Attachment(models.Model):
    """A file sent with an application (or with its 补正). Held by the form's one-time token until the application
    is saved, so that a form sent with errors keeps what was uploaded."""

    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    form_token = models.CharField(max_length=64, db_index=True)
    slot = models.CharField(_("material"), max_length=40)
    label = models.CharField(_("label"), max_length=100)
    file = models.FileField(_("file"), storage=private_storage, upload_to=upload_path, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.label}: {self.name}"


class ReviewStep(models.Model):
    """One 审核 step, assigned to a person or a group; done with an opinion and a comment."""

    class Opinion(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Do not agree")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="review_steps")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("step"), max_length=60)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        "auth.Group", verbose_name=_("group"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    opinion = models.CharField(_("opinion"), max_length=10, choices=Opinion.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return self.name

    def may_complete(self, user) -> bool:
        if self.done_at is not None:
            return False
        if user.has_perm("applications.decide_application"):
            return True
        if self.assignee_id == user.pk:
            return True
        return bool(self.group_id and user.groups.filter(pk=self.group_id).exists())


class Event(models.Model):
    """One step in a case's history: `public_text` is what the applicant reads; `note` stays with the staff."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    system = models.CharField(max_length=50, blank=True)
    public_text = models.TextField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")


class Rating(models.Model):
    """好差评: five levels and a comment, once per decided case."""

    SCORES = [(5, _("Very satisfied")), (4, _("Satisfied")), (3, _("Fair")), (2, _("Dissatisfied")), (1, _("Very dissatisfied"))]

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("rating"), choices=SCORES)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")


class Notice(models.Model):
    """An e-mail to the applicant, kept until the mail server took it (retried by services_remind)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class NumberSequence(models.Model):
    """The last result document number given for a prefix and year (湘机管审〔2026〕12号)."""

    prefix = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="applications_sequence_unique")]

    @classmethod
    def next_number(cls, prefix: str, year: int) -> str:
        with transaction.atomic():
            cls.objects.get_or_create(prefix=prefix, year=year)
            row = cls.objects.select_for_update().get(prefix=prefix, year=year)
            row.last += 1
            row.save(update_fields=["last"])
        return f"{prefix}〔{year}〕{row.last}号"

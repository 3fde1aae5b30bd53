"""A case (Application) from its draft to its result: the unit or visitor who applied, the typed details, the
attachments (private storage), the review steps, the history the applicant reads, the rating, the e-mail notices
(kept until sent) and the result document's number."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

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


def public_draft_days() -> int:
    """Days a visitor's draft is kept after its last save (SERVICES_PUBLIC_DRAFT_DAYS); then it is deleted."""
    return int(getattr(settings, "SERVICES_PUBLIC_DRAFT_DAYS", 7))


def resume_key_hash(key: str) -> str:
    """Only the hash of a draft's resume key is kept: the key itself is shown once, to the visitor."""
    return hashlib.sha256(key.encode()).hexdigest()


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
    # a visitor's draft (no unit): the hash of the key in the link that resumes it, kept until it is sent
    resume_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
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

    def start_clock(self, day: dt.date) -> None:
        """Start the present step's clock on `day`: its deadline is counted as a recount would (count_deadline)."""
        self.clock_started_on = day
        self.deadline = self.count_deadline()

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

    # -- a visitor's draft, resumed by a link ----------------------------------------------------------------------

    def new_resume_key(self) -> str:
        """A fresh key for the link that resumes this visitor's draft (any earlier link stops working)."""
        key = secrets.token_urlsafe(24)
        self.resume_key = resume_key_hash(key)
        return key

    @property
    def draft_expires_at(self) -> dt.datetime:
        return (self.updated_at or timezone.now()) + dt.timedelta(days=public_draft_days())

    @classmethod
    def public_drafts(cls, now: dt.datetime | None = None):
        """Visitors' drafts still kept (saved within SERVICES_PUBLIC_DRAFT_DAYS)."""
        since = (now or timezone.now()) - dt.timedelta(days=public_draft_days())
        return cls.objects.filter(status=cls.Status.DRAFT, unit__isnull=True, updated_at__gt=since)

    @classmethod
    def purge_expired_drafts(cls, now: dt.datetime | None = None) -> int:
        """Deletes visitors' drafts not saved for SERVICES_PUBLIC_DRAFT_DAYS, with their files."""
        since = (now or timezone.now()) - dt.timedelta(days=public_draft_days())
        expired = cls.objects.filter(status=cls.Status.DRAFT, unit__isnull=True, updated_at__lte=since)
        count = 0
        for app in expired:
            for attachment in app.attachments.all():
                attachment.file.delete(save=False)
            app.delete()
            count += 1
        return count


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


# -- the wording of the 批复 ---------------------------------------------------------------------------------------

# The wording the 批复 had in code, kept as the setting's defaults (and used for any field left blank).
DEFAULT_WORDING = {
    "title": "关于“{title}”的批复",
    "addressee": "{unit}：",
    "opening": "你单位报送的《{title}》（{service}，{date}收到）收悉。",
    "approved": "经审核，同意你单位的申请。",
    "conditional": "经审核，附条件同意你单位的申请，条件如下。",
    "rejected": "经审核，不同意你单位的申请。",
    "closing": "此复。",
}
PLACEHOLDERS = ("unit", "title", "service", "date", "number")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def default_prefix() -> str:
    return getattr(settings, "SERVICES_DOCUMENT_PREFIX", "湘机管审")


def _default(key: str):
    def default() -> str:
        return DEFAULT_WORDING[key]

    default.__name__ = f"default_{key}"
    default.__qualname__ = default.__name__
    return default


default_title, default_addressee, default_opening = _default("title"), _default("addressee"), _default("opening")
default_approved, default_conditional, default_rejected = _default("approved"), _default("conditional"), _default("rejected")
default_closing = _default("closing")

PLACEHOLDER_HELP = _("May use {unit}, {title}, {service}, {date} (received) and {number} (the document number).")


@register_setting(icon="doc-full-inverse")
class ResultTemplateSettings(BaseGenericSetting):
    """The wording of the 批复 made for a decided case: its fixed paragraphs, the organ that signs it and the
    number prefix for services without one of their own. Read by results.build_docx and workflow.decide, so a
    change shows in the next document made; documents already made keep their words."""

    issuer = models.CharField(
        _("signing organ"),
        max_length=120,
        blank=True,
        help_text=_("Shown above the number and in the signature. Blank: the first issuing organ under 分类."),
    )
    document_prefix = models.CharField(
        _("document number prefix"),
        max_length=40,
        default=default_prefix,
        help_text=_("For services whose guide sets no prefix of its own: 湘机管审 gives 湘机管审〔2026〕12号."),
    )
    title = models.CharField(_("title"), max_length=200, default=default_title, help_text=PLACEHOLDER_HELP)
    addressee = models.CharField(_("addressee line"), max_length=200, default=default_addressee, help_text=PLACEHOLDER_HELP)
    opening = models.TextField(_("opening"), default=default_opening, help_text=PLACEHOLDER_HELP)
    approved = models.TextField(_("when approved"), default=default_approved, help_text=PLACEHOLDER_HELP)
    conditional = models.TextField(
        _("when approved with conditions"),
        default=default_conditional,
        help_text=_("The conditions follow as their own paragraph."),
    )
    rejected = models.TextField(_("when not approved"), default=default_rejected, help_text=PLACEHOLDER_HELP)
    closing = models.TextField(
        _("closing"), default=default_closing, help_text=_("Each line is a paragraph, after the decision's own text.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("issuer"), FieldPanel("document_prefix")], heading=_("Issuer and number")),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("addressee"),
                FieldPanel("opening"),
                FieldPanel("approved"),
                FieldPanel("conditional"),
                FieldPanel("rejected"),
                FieldPanel("closing"),
            ],
            heading=_("Wording"),
        ),
    ]

    class Meta:
        verbose_name = _("result document (批复)")
        verbose_name_plural = _("result documents (批复)")

    def clean(self):
        errors = {}
        for name in DEFAULT_WORDING:
            unknown = sorted({p for p in PLACEHOLDER.findall(getattr(self, name) or "") if p not in PLACEHOLDERS})
            if unknown:
                errors[name] = _("Unknown placeholder %(names)s; use {unit}, {title}, {service}, {date} or {number}.") % {
                    "names": "、".join("{" + p + "}" for p in unknown)
                }
        if errors:
            raise ValidationError(errors)

    def wording(self, key: str, values: dict[str, str]) -> list[str]:
        """The paragraphs of one part, its placeholders filled in; a part left blank has its default wording."""
        text = (getattr(self, key) or "").strip() or DEFAULT_WORDING[key]
        filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        return [line.strip() for line in filled.splitlines() if line.strip()]

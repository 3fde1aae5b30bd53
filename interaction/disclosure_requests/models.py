"""An application for government information (政府信息公开申请) and the page where the public makes and follows one.

Requests are never pages: they are not published, indexed, fed or exposed by the API. The applicant's identity and
contact are shown to staff only with privacy.view_personal_data (see wagtail_hooks.py)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.dates import chinese_date
from cms.core.models import SummaryMixin
from govcms.storage import private_storage as privacy_storage
from interaction.intake.codes import random_code
from interaction.intake.contacts import contact_matches
from interaction.intake.pages import IntakePage, intake_route
from interaction.workdays.calendar import add_workdays, is_provisional, workdays_left

from . import choices
from .validators import normalise_phone

ANSWER_WORKDAYS = 20  # 条例第三十三条: 自收到申请之日起20个工作日内予以答复
MAX_EXTENSION_WORKDAYS = 20  # 延长的期限最长不得超过20个工作日
DUE_SOON_WORKDAYS = 5


def private_storage() -> FileSystemStorage:
    """Identity proofs are kept in the private storage (govcms.storage): outside MEDIA_ROOT, with no URL."""
    return privacy_storage


def attachment_path(instance: DisclosureRequest, filename: str) -> str:
    """A random name (no applicant's name or guessable sequence on disk), keeping the checked extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"disclosure_requests/{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}.{extension}"


def new_code() -> str:
    """An application's tracking code: YSQ, the year, 8 characters of the intake's alphabet (named by migration 0001)."""
    return "YSQ" + timezone.localdate().strftime("%Y") + random_code(8)


class DisclosureRequest(models.Model):
    class ApplicantType(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        ORGANISATION = "organisation", _("Legal person or other organisation")

    class IdType(models.TextChoices):
        ID_CARD = "id_card", _("Resident identity card")
        PASSPORT = "passport", _("Passport")
        HK_MACAO = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
        TAIWAN = "taiwan", _("Mainland travel permit for Taiwan residents")
        PERMANENT_RESIDENCE = "permanent_residence", _("Foreign permanent resident ID card")
        OTHER = "other", _("Other identity document")

    class Medium(models.TextChoices):
        PAPER = "paper", _("Paper")
        EMAIL = "email", _("E-mail")
        DISC = "disc", _("Optical disc")
        DISK = "disk", _("Magnetic disk")
        OTHER = "other", _("Other")

    class Delivery(models.TextChoices):
        POST = "post", _("By post")
        EMAIL = "email", _("By e-mail")
        COLLECT = "collect", _("Collect in person")
        FAX = "fax", _("By fax")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSING = "processing", _("Being processed")
        CORRECTION = "correction", _("Awaiting correction")
        REPLIED = "replied", _("Replied")

    # Tracking and double-submission guard
    code = models.CharField(_("tracking code"), max_length=20, unique=True, default=new_code, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    received_on = models.DateField(_("received on"), default=timezone.localdate)

    # Applicant (personal data)
    applicant_type = models.CharField(_("applicant type"), max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, blank=True, choices=choices.ORGANISATION_KINDS)
    name = models.CharField(_("name"), max_length=100)
    id_type = models.CharField(_("identity document"), max_length=30, blank=True, choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=30, blank=True)
    work_unit = models.CharField(_("work unit"), max_length=100, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("telephone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    attachment = models.FileField(_("identity proof"), upload_to=attachment_path, blank=True, storage=private_storage)

    # What is asked for
    info_title = models.CharField(_("name of the information"), max_length=200)
    info_document_number = models.CharField(_("document number of the information"), max_length=100, blank=True)
    info_description = models.TextField(_("description of the information"), max_length=3000)
    purpose = models.TextField(_("purpose"), max_length=1000, blank=True)
    medium = models.CharField(_("form of the information"), max_length=10, choices=Medium.choices)
    delivery = models.CharField(_("way of delivery"), max_length=10, choices=Delivery.choices)

    # Handling
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clock_start = models.DateField(_("deadline counted from"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("reply due"), null=True, blank=True, editable=False, db_index=True)
    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True, editable=False)
    correction_note = models.TextField(_("what must be corrected"), blank=True, editable=False)
    correction_requested_at = models.DateTimeField(_("correction requested at"), null=True, blank=True, editable=False)
    correction_received_on = models.DateField(_("correction received on"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=40, blank=True, choices=choices.outcome_choices())
    reply_letter = models.TextField(_("reply letter (答复告知书)"), blank=True)
    staff_notes = models.TextField(_("internal notes"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    PERSONAL_FIELDS = (
        "name",
        "id_type",
        "id_number",
        "work_unit",
        "credit_code",
        "legal_representative",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "attachment",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        permissions = [("approve_reply", _("Can approve and send reply letters"))]

    def __str__(self) -> str:
        return f"{self.code} {self.info_title}"

    def save(self, *args, **kwargs):
        if self.clock_start is None:
            self.clock_start = self.received_on
        if self.assigned_to_id and self.status == self.Status.RECEIVED:
            self.status = self.Status.PROCESSING
        self.due_on = self.compute_due()
        super().save(*args, **kwargs)

    # -- deadline ----------------------------------------------------------------------------------------

    def compute_due(self) -> dt.date | None:
        """20 working days after the clock started (receipt, or the correction's arrival), plus any extension;
        None while the clock is stopped for a correction."""
        if self.status == self.Status.CORRECTION or self.clock_start is None:
            return None
        return add_workdays(self.clock_start, ANSWER_WORKDAYS + self.extension_days)

    @property
    def original_due(self) -> dt.date | None:
        return add_workdays(self.clock_start, ANSWER_WORKDAYS) if self.clock_start else None

    @property
    def due_provisional(self) -> bool:
        """Whether the due date was counted over a year whose holidays are not yet entered (a provisional calendar)."""
        return self.due_on is not None and self.clock_start is not None and is_provisional(self.clock_start, self.due_on)

    def due_on_display(self) -> str:
        if self.due_on is None:
            return "—"
        if self.due_provisional:
            return gettext("%(date)s (provisional)") % {"date": chinese_date(self.due_on)}
        return chinese_date(self.due_on)

    due_on_display.short_description = _("reply due")
    due_on_display.admin_order_field = "due_on"

    def workdays_left(self, today: dt.date | None = None) -> int | None:
        if self.due_on is None or self.status == self.Status.REPLIED:
            return None
        return workdays_left(self.due_on, today or timezone.localdate())

    def deadline_state(self, today: dt.date | None = None) -> str:
        """ "overdue", "due_soon", "on_time", "paused" (awaiting correction) or "done"."""
        if self.status == self.Status.REPLIED:
            return "done"
        left = self.workdays_left(today)
        if left is None:
            return "paused"
        if left < 0:
            return "overdue"
        return "due_soon" if left <= DUE_SOON_WORKDAYS else "on_time"

    def deadline_flag(self) -> str:
        """The admin listing's deadline column: state and working days left."""
        state = self.deadline_state()
        if state == "done":
            return gettext("Replied")
        if state == "paused":
            return gettext("Clock stopped: awaiting correction")
        left = self.workdays_left()
        if state == "overdue":
            return gettext("⚠ OVERDUE by %(days)d working days") % {"days": -left}
        if state == "due_soon":
            return gettext("⏰ Due soon: %(days)d working days left") % {"days": left}
        return gettext("%(days)d working days left") % {"days": left}

    deadline_flag.short_description = _("deadline")

    @property
    def can_extend(self) -> bool:
        return self.extension_days == 0 and self.status in (self.Status.RECEIVED, self.Status.PROCESSING)

    @property
    def can_request_correction(self) -> bool:
        return self.correction_requested_at is None and self.status in (self.Status.RECEIVED, self.Status.PROCESSING)

    # -- applicant ---------------------------------------------------------------------------------------

    @property
    def applicant_column(self) -> str:
        """The annual report's applicant column."""
        if self.applicant_type == self.ApplicantType.CITIZEN:
            return "person"
        return self.organisation_kind or "other"

    def outcome_display(self) -> str:
        return choices.outcome_label(self.outcome)

    outcome_display.short_description = _("outcome")

    def matches_contact(self, contact: str) -> bool:
        """True if `contact` is the phone number or e-mail address the applicant gave: an e-mail address in any
        case, a phone number as validators.normalise_phone writes it (spaces, full-width digits, +86)."""
        contact = (contact or "").strip()
        if "@" in contact:
            return contact_matches(contact, [self.email], lambda value: value.strip().lower())
        return contact_matches(contact, [self.phone], normalise_phone)


class DisclosureRequestPage(IntakePage, SummaryMixin, Page):
    """依申请公开: the guidance (intro), the application form, the thanks page with the code, and the lookup."""

    intro = StreamField(BodyBlock(), blank=True, verbose_name=_("guidance"))

    api_fields = [APIField("summary"), APIField("intro")]  # the guidance only: requests are never in the API

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]
    subpage_types: list[str] = []
    max_count = 1
    template = "disclosure_requests/disclosure_request_page.html"

    class Meta:
        verbose_name = _("disclosure request page")
        verbose_name_plural = _("disclosure request pages")

    # Each route hands over to views.py (the page is the URL; the views hold the logic); thanks/ and lookup/ come
    # from IntakePage.
    intake_views = "interaction.disclosure_requests.views"
    application = intake_route("", "application")
    letter = intake_route("letter/<str:code>/", "letter")

"""Letters (private: the writer's data never leaves the admin) and the public pages: the mailbox and each
published answer, which holds only redacted text."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.models import SummaryMixin
from govcms.storage import private_storage
from interaction.intake.codes import random_code
from interaction.intake.contacts import contact_matches
from interaction.intake.pages import IntakePage, intake_route
from interaction.privacy.public import NO_PUBLIC_CONTACTS
from interaction.privacy.redact import redact
from interaction.workdays.calendar import add_workdays, is_provisional, workdays_between, workdays_left

CODE_LENGTH = 12


def new_tracking_code() -> str:
    """A letter's tracking code: 12 characters of the intake's alphabet (named by migration 0001)."""
    return random_code(CODE_LENGTH)


def normalise_contact(text: str) -> str:
    """A telephone number or e-mail address as compared on look-up: spaces, dashes and case ignored."""
    return "".join(ch for ch in (text or "").strip().lower() if ch not in " -")


def attachment_path(instance: Letter, filename: str) -> str:
    """Under letters/ in the private storage (govcms.storage), in a random folder."""
    return f"letters/{timezone.localdate():%Y/%m}/{secrets.token_hex(12)}/{filename}"


class LetterCategory(models.Model):
    """咨询, 建议, 投诉 …: each with its own answer deadline in working days."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    deadline_workdays = models.PositiveSmallIntegerField(
        _("deadline (working days)"),
        default=15,
        help_text=_("Working days after the day of receipt within which the letter must be answered."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("letter category")
        verbose_name_plural = _("letter categories")

    def __str__(self) -> str:
        return self.name


class Letter(models.Model):
    """A letter to the director's mailbox. Name, phone, e-mail and attachment are personal data."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        DRAFTED = "drafted", _("Reply awaiting approval")
        REPLIED = "replied", _("Replied")
        CLOSED = "closed", _("Closed")

    OPEN = (Status.RECEIVED, Status.ASSIGNED, Status.DRAFTED)

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, default=new_tracking_code, editable=False)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    writer_name = models.CharField(_("writer's name"), max_length=50)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    category = models.ForeignKey(
        LetterCategory, verbose_name=_("type of letter"), on_delete=models.PROTECT, related_name="letters"
    )
    subject = models.CharField(_("subject"), max_length=100)
    message = models.TextField(_("message"), max_length=5000)
    attachment = models.FileField(_("attachment"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=255)
    publish_allowed = models.BooleanField(
        _("may be published"),
        default=True,
        help_text=_("The writer agreed that the letter and its reply are published with personal data removed."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    deadline = models.DateField(_("deadline"), blank=True, null=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_letters",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    mailbox = models.ForeignKey(
        "letters.MailboxPage", verbose_name=_("mailbox"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_page = models.ForeignKey(
        "letters.PublishedLetterPage",
        verbose_name=_("published page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        permissions = [("approve_reply", _("Can approve and send replies to letters"))]

    def __str__(self) -> str:
        """Safe wherever the admin shows it (logs, history, delete confirmation): no personal data."""

        return f"#{self.pk} {self.redacted_subject}"

    @property
    def redacted_subject(self) -> str:
        """The subject for staff lists (the letters listing, the dashboard, logs): the writer's name and contacts
        removed, without reading the public allowlist, so no query per row."""
        return redact(self.subject, names=[self.writer_name], public=NO_PUBLIC_CONTACTS)

    @property
    def received_date(self) -> dt.date:
        return timezone.localdate(self.received_at)

    def save(self, *args, **kwargs):
        if self.deadline is None and self.category_id:
            self.deadline = self.count_deadline()
        super().save(*args, **kwargs)

    def count_deadline(self) -> dt.date:
        """The letter's type's working days after the day of receipt, with the calendar as it stands (recount.py
        counts open letters again with it when the calendar changes)."""
        return add_workdays(self.received_date, self.category.deadline_workdays)

    def contact_matches(self, contact: str) -> bool:
        """The phone number or e-mail address the writer gave (spaces, dashes and case ignored)."""
        return contact_matches(contact, (self.phone, self.email), normalise_contact)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def deadline_provisional(self) -> bool:
        """Whether the deadline was counted over a year whose holidays are not yet entered (a provisional calendar)."""
        return self.deadline is not None and is_provisional(self.received_date, self.deadline)

    def workdays_left(self, today: dt.date | None = None) -> int | None:
        if self.deadline is None:
            return None
        return workdays_left(self.deadline, today or timezone.localdate())

    def deadline_state(self, today: dt.date | None = None) -> str:
        """ "overdue", "due_soon" (within LETTERS_DUE_SOON_WORKDAYS), "on_time" or "" for answered letters."""
        if not self.is_open:
            return ""
        left = self.workdays_left(today)
        if left is None:
            return ""
        if left < 0:
            return "overdue"
        if left <= settings.LETTERS_DUE_SOON_WORKDAYS:
            return "due_soon"
        return "on_time"

    def reply_workdays(self) -> int | None:
        """Working days from receipt to the reply being sent."""
        if not self.replied_at:
            return None
        return workdays_between(self.received_date, timezone.localdate(self.replied_at))


class Reply(models.Model):
    """The answer to a letter: drafted by the handler, approved by a reviewer, then sent (and published)."""

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="reply", verbose_name=_("letter"))
    text = models.TextField(_("reply"), max_length=10000)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(_("drafted at"), auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return str(self.letter)


class MailboxPage(IntakePage, SummaryMixin, Page):
    """局长信箱 / 咨询建议: the guidance, the write and look-up forms, and the answered letters."""

    intro = StreamField(BodyBlock(), blank=True, verbose_name=_("guidance for writers"))

    api_fields = [APIField("summary"), APIField("intro")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]
    subpage_types = ["letters.PublishedLetterPage"]
    template = "letters/mailbox_page.html"

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def answered(self):
        return PublishedLetterPage.objects.live().public().child_of(self).order_by("-replied_date", "-pk")

    # The routes hand over to views.py; thanks/ and lookup/ come from IntakePage. The listing may be cached.
    intake_views = "interaction.letters.views"
    listing = intake_route("", "listing", private=False)
    write = intake_route("write/", "write")


class PublishedLetterPage(Page):
    """An answered letter as the public sees it: only redacted text, never the writer's name or contact."""

    category = models.CharField(_("category"), max_length=30)
    message = models.TextField(_("letter"))
    reply = models.TextField(_("reply"))
    received_date = models.DateField(_("received on"))
    replied_date = models.DateField(_("replied on"))

    api_fields = [
        APIField("category"),
        APIField("received_date"),
        APIField("replied_date"),
        APIField("message"),
        APIField("reply"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("category"), FieldPanel("received_date"), FieldPanel("replied_date")])],
            heading=_("Letter"),
        ),
        FieldPanel("message"),
        FieldPanel("reply"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("message"),
        index.SearchField("reply"),
        index.FilterField("replied_date"),
    ]
    parent_page_types = ["letters.MailboxPage"]
    subpage_types: list[str] = []
    template = "letters/published_letter_page.html"

    class Meta:
        verbose_name = _("answered letter")
        verbose_name_plural = _("answered letters")

    @property
    def display_date(self) -> dt.date:
        return self.replied_date

    @cached_property
    def summary(self) -> str:
        text = " ".join(self.message.split())
        return text[:120] + ("…" if len(text) > 120 else "")

"""The steps of handling a letter: assign, draft, approve (send the reply by e-mail and publish it redacted)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from interaction.privacy.redact import redact

from .models import Letter, MailboxPage, PublishedLetterPage, Reply

logger = logging.getLogger(__name__)


class WorkflowError(Exception):
    """A step that cannot be taken in the letter's present state; the message says why, for the user."""


def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def acknowledge(letter: Letter, lookup_url: str) -> None:
    """Tell the writer (when they gave an e-mail address) that the letter arrived, and its tracking code."""
    if not letter.email:
        return
    context = {"letter": letter, "lookup_url": lookup_url, "site_name": site_name()}
    try:
        send_mail(
            _("Your letter has been received: tracking code %(code)s") % {"code": letter.tracking_code},
            render_to_string("letters/email/received.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [letter.email],
        )
    except Exception:  # noqa: BLE001 - the letter is saved and the code is on the thanks page: never a 500 for this
        logger.exception("sending the acknowledgement of letter %s failed", letter.pk)


def assign(letter: Letter, handler, by) -> None:
    if not letter.is_open:
        raise WorkflowError(_("This letter has already been answered."))
    letter.assigned_to = handler
    letter.assigned_at = timezone.now()
    if letter.status == Letter.Status.RECEIVED:
        letter.status = Letter.Status.ASSIGNED
    letter.save(update_fields=["assigned_to", "assigned_at", "status"])


def save_draft(letter: Letter, text: str, by) -> Reply:
    if not letter.is_open:
        raise WorkflowError(_("This letter has already been answered; its reply can no longer be changed."))
    reply, _created = Reply.objects.update_or_create(letter=letter, defaults={"text": text, "drafted_by": by})
    letter.status = Letter.Status.DRAFTED
    letter.save(update_fields=["status"])
    return reply


def approve(letter: Letter, by) -> Reply:
    """Approve the drafted reply: mark the letter replied, e-mail the writer, publish when allowed."""
    reply = Reply.objects.filter(letter=letter).first()
    if letter.status != Letter.Status.DRAFTED or reply is None:
        raise WorkflowError(_("There is no drafted reply waiting for approval."))
    if not by.has_perm("letters.approve_reply"):
        raise WorkflowError(_("You may not approve replies."))
    now = timezone.now()
    with transaction.atomic():
        reply.approved_by, reply.approved_at = by, now
        letter.status, letter.replied_at = Letter.Status.REPLIED, now
        letter.save(update_fields=["status", "replied_at"])
        if letter.publish_allowed:
            publish(letter, reply, by)
        reply.save()
    send_reply(letter, reply)
    return reply


def send_reply(letter: Letter, reply: Reply) -> bool:
    """E-mail the approved reply to the writer; False (and logged) when there is no address or sending failed, so
    the approval stands and the writer can still read the reply with the tracking code."""
    if not letter.email:
        return False
    context = {"letter": letter, "reply": reply, "site_name": site_name()}
    try:
        send_mail(
            _("The answer to your letter “%(subject)s”") % {"subject": letter.subject},
            render_to_string("letters/email/reply.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [letter.email],
        )
    except Exception:  # noqa: BLE001 - any mail server failure: the reply is approved, sending can be retried
        logger.exception("sending the reply to letter %s failed", letter.pk)
        return False
    reply.sent_at = timezone.now()
    reply.save(update_fields=["sent_at"])
    return True


def mailbox_for(letter: Letter) -> MailboxPage | None:
    if letter.mailbox_id:
        return letter.mailbox
    return MailboxPage.objects.live().order_by("path").first()


def publish(letter: Letter, reply: Reply, by=None) -> PublishedLetterPage | None:
    """Create (or update) the public page of the answered letter, through a revision, with only redacted text."""
    mailbox = mailbox_for(letter)
    if mailbox is None:
        return None
    names = [letter.writer_name]
    values = {
        "title": redact(letter.subject, names=names),
        "category": letter.category.name,
        "message": redact(letter.message, names=names),
        "reply": redact(reply.text, names=names),
        "received_date": letter.received_date,
        "replied_date": timezone.localdate(letter.replied_at or timezone.now()),
    }
    page = letter.published_page
    if page is None:
        slug = slugify(f"{letter.received_date:%Y%m%d}-{letter.pk}")
        page = PublishedLetterPage(slug=slug, live=False, owner=by, **values)
        mailbox.add_child(instance=page)
    else:
        for name, value in values.items():
            setattr(page, name, value)
    # Approving the reply (letters.approve_reply) is the review: the answer is published in the approver's name
    # without needing page-publishing rights in the tree.
    page.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    letter.published_page = page
    letter.save(update_fields=["published_page"])
    return page

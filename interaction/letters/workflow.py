"""The steps of handling a letter: assign, draft, approve (send the reply by e-mail and publish the public text the
reviewer confirmed in the preview), and republish an answered letter after a new review."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Letter, MailboxPage, PublishedLetterPage, Reply
from .review import Confirmation, Review, letter_source, page_source

logger = logging.getLogger(__name__)

CHECKED = "letters.public_text_checked"  # the page log action of a reviewer's confirmation (wagtail_hooks registers it)


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


def check(confirmation: Confirmation | None, review: Review) -> None:
    """Refuses to publish without the reviewer's confirmation of the public text made from exactly these texts."""
    if confirmation is None:
        raise WorkflowError(_("The public text has not been reviewed: check it in the preview and confirm it."))
    if confirmation.source != review.source_digest:
        raise WorkflowError(_("The letter or its reply changed after the preview: check the public text again."))


def approve(letter: Letter, by, confirmation: Confirmation | None) -> Reply:
    """Approve the drafted reply with the reviewer's confirmation of the public text: mark the letter replied, e-mail
    the writer the reply (as reviewed), publish the confirmed public text when the writer allowed it."""
    if not by.has_perm("letters.approve_reply"):
        raise WorkflowError(_("You may not approve replies."))
    now = timezone.now()
    with transaction.atomic():
        # The texts as they stand now, locked until the approval is saved: the confirmation must be of these.
        current = Letter.objects.select_for_update().get(pk=letter.pk)
        reply = Reply.objects.select_for_update().filter(letter=letter).first()
        if current.status != Letter.Status.DRAFTED or reply is None:
            raise WorkflowError(_("There is no drafted reply waiting for approval."))
        check(confirmation, Review(letter_source(current, reply)))
        reply.approved_by, reply.approved_at = by, now
        letter.status, letter.replied_at = Letter.Status.REPLIED, now
        letter.save(update_fields=["status", "replied_at"])
        if letter.publish_allowed:
            publish(letter, confirmation, by)
        reply.save()
    send_reply(letter, reply)
    return reply


def republish(letter: Letter, by, confirmation: Confirmation | None) -> PublishedLetterPage | None:
    """Publish an answered letter's page again with a newly confirmed public text (after a privacy scan); no e-mail."""
    if not by.has_perm("letters.approve_reply"):
        raise WorkflowError(_("You may not approve replies."))
    with transaction.atomic():
        current = Letter.objects.select_for_update().get(pk=letter.pk)
        reply = Reply.objects.select_for_update().filter(letter=letter, approved_at__isnull=False).first()
        if current.status != Letter.Status.REPLIED or reply is None or not current.publish_allowed:
            raise WorkflowError(_("Only an answered letter the writer allowed to be published can be published again."))
        check(confirmation, Review(letter_source(current, reply)))
        return publish(letter, confirmation, by)


def republish_page(page: PublishedLetterPage, by, confirmation: Confirmation | None) -> PublishedLetterPage:
    """Publish a page that has no letter behind it with the confirmed public text made from its own text."""
    if not by.has_perm("letters.approve_reply"):
        raise WorkflowError(_("You may not approve replies."))
    check(confirmation, Review(page_source(page)))
    values = confirmation.public
    page.title, page.message, page.reply = values["title"], values["message"], values["reply"]
    page.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    log(page, CHECKED, user=by, data=confirmation.log_data())
    return page


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


def publish(letter: Letter, confirmation: Confirmation, by=None) -> PublishedLetterPage | None:
    """Create (or update) the public page of the answered letter, through a revision, with the public text the reviewer
    confirmed (callers check the confirmation against the letter first: approve, republish)."""
    mailbox = mailbox_for(letter)
    if mailbox is None:
        return None
    values = {
        "title": confirmation.public["title"],
        "category": letter.category.name,
        "message": confirmation.public["message"],
        "reply": confirmation.public["reply"],
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
    log(page, CHECKED, user=by, data=confirmation.log_data())
    letter.published_page = page
    letter.save(update_fields=["published_page"])
    return page

"""E-mails to the applicant (receipt, extension, correction, reply letter) and reminders to staff."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import DisclosureRequest

logger = logging.getLogger(__name__)


def _send(subject: str, template: str, request: DisclosureRequest, lookup_url: str = "", **extra) -> bool:
    if not request.email:
        return False
    body = render_to_string(
        f"disclosure_requests/email/{template}.txt",
        {"request": request, "lookup_url": lookup_url, "site_name": settings.WAGTAIL_SITE_NAME, **extra},
    )
    try:
        send_mail(subject, body, None, [request.email])
    except (smtplib.SMTPException, OSError):  # the request is recorded; staff see the failure in the log
        logger.exception("could not e-mail the applicant of %s", request.code)
        return False
    return True


def received(request: DisclosureRequest, lookup_url: str) -> bool:
    return _send(
        _("Your application for government information has been received (%(code)s)") % {"code": request.code},
        "received",
        request,
        lookup_url,
    )


def extended(request: DisclosureRequest, lookup_url: str) -> bool:
    return _send(
        _("The reply to your application %(code)s has been extended") % {"code": request.code}, "extended", request, lookup_url
    )


def correction_requested(request: DisclosureRequest, lookup_url: str) -> bool:
    return _send(_("Please correct your application %(code)s") % {"code": request.code}, "correction", request, lookup_url)


def replied(request: DisclosureRequest, lookup_url: str, letter_text: str) -> bool:
    return _send(
        _("Reply to your application %(code)s (答复告知书)") % {"code": request.code},
        "reply",
        request,
        lookup_url,
        letter_text=letter_text,
    )


def reminder(recipient: str, requests: list[DisclosureRequest], admin_url: str) -> None:
    body = render_to_string(
        "disclosure_requests/email/reminder.txt",
        {"requests": requests, "admin_url": admin_url, "site_name": settings.WAGTAIL_SITE_NAME},
    )
    send_mail(_("Disclosure requests due soon or overdue: %(count)d") % {"count": len(requests)}, body, None, [recipient])

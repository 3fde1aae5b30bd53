"""The steps of a case, each kept in the history in plain words and told to the applicant by e-mail:
submit → (one complete 补正 request, which pauses the clock → resubmit) → accept or refuse → review steps → decide;
then the applicant's rating. Every function takes `at` so that the demo can write past cases the same way."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction.workdays.calendar import workdays_between

from .models import (
    Application,
    Event,
    Notice,
    NumberSequence,
    Rating,
    ResultTemplateSettings,
    ReviewStep,
    accept_workdays,
    default_prefix,
)

logger = logging.getLogger(__name__)

Status = Application.Status


class WorkflowError(Exception):
    """A step that cannot be taken in the case's present state; the message says why, for the user."""


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date() if timezone.is_aware(at) else at.date()


def record(app: Application, action: str, public_text: str, *, by=None, system: str = "", note: str = "", at=None) -> Event:
    return Event.objects.create(
        application=app, action=action, public_text=public_text, actor=by, system=system, note=note, at=_now(at)
    )


# -- e-mail: kept as a Notice until the mail server has taken it ------------------------------------------------


def notify(app: Application, subject: str, text: str, *, at=None, send: bool = True) -> Notice | None:
    """Queue an e-mail to the applicant about `app` and try to send it once the transaction commits; a failure is
    recorded and `services_remind` tries again, so a failing mail server loses nothing."""
    if not app.email:
        return None
    body = _("%(name)s:\n\n%(text)s\n\nService: %(service)s\nTracking code: %(code)s\n\nFollow the case on %(site)s.\n") % {
        "name": app.contact_name,
        "text": text,
        "service": app.service_name,
        "code": app.tracking_code,
        "site": site_name(),
    }
    notice = Notice.objects.create(application=app, to=app.email, subject=subject[:200], body=body, created_at=_now(at))
    if send:
        transaction.on_commit(lambda: deliver(notice))
    else:  # past cases written by the demo: nobody to tell any more
        Notice.objects.filter(pk=notice.pk).update(sent_at=notice.created_at)
    return notice


def deliver(notice: Notice) -> bool:
    notice.attempts += 1
    try:
        send_mail(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.to])
    except Exception as exc:  # noqa: BLE001 - kept for the next try; the step itself is done
        logger.warning("e-mail notice %s could not be sent: %s", notice.pk, exc)
        notice.last_error = f"{type(exc).__name__}: {exc}"[:300]
        Notice.objects.filter(pk=notice.pk).update(attempts=notice.attempts, last_error=notice.last_error)
        return False
    notice.sent_at = timezone.now()
    Notice.objects.filter(pk=notice.pk).update(attempts=notice.attempts, sent_at=notice.sent_at, last_error="")
    return True


def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


# -- the applicant's steps -------------------------------------------------------------------------------------


def submit(app: Application, *, by=None, at=None, send: bool = True) -> None:
    at = _now(at)
    if app.status not in (Status.DRAFT, Status.CORRECTION):
        raise WorkflowError(_("This application has already been submitted."))
    resubmitted = app.status == Status.CORRECTION
    app.status = Status.SUBMITTED
    if not resubmitted:
        app.submitted_at = at
    app.start_clock(_day(at))  # the clock restarts on the complete materials
    app.save()
    if resubmitted:
        record(app, "resubmitted", _("The missing materials were sent; the application awaits acceptance."), by=by, at=at)
        notify(app, _("Missing materials received"), _("We have received the missing materials."), at=at, send=send)
    else:
        record(
            app,
            "submitted",
            _("The application was submitted. The bureau accepts or refuses it within %(days)d working days.")
            % {"days": accept_workdays()},
            by=by,
            at=at,
        )
        notify(
            app,
            _("Application received: %(code)s") % {"code": app.tracking_code},
            _("Your application was received."),
            at=at,
            send=send,
        )


def rate(app: Application, score: int, comment: str, *, at=None) -> Rating:
    if app.status not in Application.CLOSED:
        raise WorkflowError(_("A case can be rated once it is finished."))
    if Rating.objects.filter(application=app).exists():
        raise WorkflowError(_("This case has already been rated."))
    rating = Rating.objects.create(application=app, score=score, comment=comment, rated_at=_now(at))
    record(app, "rated", _("The applicant rated the service."), at=at)
    return rating


# -- the bureau's steps ----------------------------------------------------------------------------------------


def request_correction(app: Application, items: str, *, by=None, system: str = "", at=None, send: bool = True) -> None:
    """一次性告知补正: one complete list of what is missing; the clock stops until the applicant sends it."""
    if app.status != Status.SUBMITTED:
        raise WorkflowError(_("Missing materials can be asked for only before the application is accepted."))
    if app.correction_requested_at is not None:
        raise WorkflowError(_("Missing materials have already been asked for once: everything must be asked for at once."))
    if not items.strip():
        raise WorkflowError(_("List every missing material."))
    at = _now(at)
    app.status = Status.CORRECTION
    app.correction_items = items.strip()
    app.correction_requested_at = at
    app.deadline = None
    app.save()
    text = _("Please send the following materials; the time limit is paused until they arrive:\n%(items)s") % {
        "items": app.correction_items
    }
    record(app, "correction", text, by=by, system=system, at=at)
    notify(app, _("Materials missing from your application"), text, at=at, send=send)


def accept(app: Application, *, by=None, system: str = "", at=None, send: bool = True) -> None:
    if app.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted application awaiting acceptance can be accepted."))
    at = _now(at)
    app.status = Status.REVIEWING
    days = app.time_limit()
    app.accepted_on = _day(at)
    app.start_clock(app.accepted_on)
    app.save()
    text = _("The application was accepted. It will be decided by %(deadline)s (%(days)d working days).") % {
        "deadline": f"{app.deadline:%Y年%-m月%-d日}",
        "days": days,
    }
    record(app, "accepted", text, by=by, system=system, at=at)
    notify(app, _("Application accepted"), text, at=at, send=send)


def refuse(app: Application, reason: str, *, by=None, system: str = "", at=None, send: bool = True) -> None:
    if app.status not in (Status.SUBMITTED, Status.CORRECTION):
        raise WorkflowError(_("Only an application not yet accepted can be refused."))
    if not reason.strip():
        raise WorkflowError(_("Give the reason for not accepting the application."))
    at = _now(at)
    app.status = Status.REFUSED
    app.refusal_reason = reason.strip()
    app.decided_on = _day(at)
    app.workdays_used = workdays_between(app.clock_started_on, app.decided_on) if app.clock_started_on else 0
    app.on_time = app.deadline is None or app.decided_on <= app.deadline
    app.deadline = None
    app.save()
    text = _("The application was not accepted. Reason: %(reason)s") % {"reason": app.refusal_reason}
    record(app, "refused", text, by=by, system=system, at=at)
    notify(app, _("Application not accepted"), text, at=at, send=send)


def add_review_step(app: Application, name: str, *, assignee=None, group=None, by=None, at=None) -> ReviewStep:
    if app.status != Status.REVIEWING:
        raise WorkflowError(_("Review steps can be added only to an accepted application."))
    if assignee is None and group is None:
        raise WorkflowError(_("Assign the review step to a person or a group."))
    order = app.review_steps.count() + 1
    step = ReviewStep.objects.create(
        application=app, order=order, name=name, assignee=assignee, group=group, assigned_at=_now(at)
    )
    who = assignee.get_full_name() or assignee.get_username() if assignee else group.name
    record(app, "review_assigned", _("Review step “%(step)s” has begun.") % {"step": name}, by=by, note=str(who), at=at)
    return step


def complete_review_step(step: ReviewStep, opinion: str, comment: str, *, by=None, at=None) -> None:
    if step.done_at is not None:
        raise WorkflowError(_("This review step is already done."))
    if step.application.status != Status.REVIEWING:
        raise WorkflowError(_("The application is not under review."))
    step.opinion, step.comment, step.done_at, step.done_by = opinion, comment, _now(at), by
    step.save()
    record(
        step.application,
        "reviewed",
        _("Review step “%(step)s” is complete.") % {"step": step.name},
        by=by,
        note=f"{step.get_opinion_display()}：{comment}",
        at=at,
    )


def number_prefix() -> str:
    """The prefix of result numbers for services without their own: as set under 设置 → 批复, else the default."""
    return ResultTemplateSettings.load().document_prefix.strip() or default_prefix()


def decide(
    app: Application, outcome: str, text: str, conditions: str = "", *, by=None, system: str = "", at=None, send: bool = True
) -> None:
    """办结: the decision, its document number and the working days it took (from acceptance)."""
    if app.status != Status.REVIEWING:
        raise WorkflowError(_("Only an accepted application under review can be decided."))
    if outcome not in Application.Outcome.values:
        raise WorkflowError(_("Choose an outcome."))
    if app.review_steps.filter(done_at__isnull=True).exists():
        raise WorkflowError(_("A review step is still open: complete it before deciding."))
    if outcome == Application.Outcome.CONDITIONAL and not conditions.strip():
        raise WorkflowError(_("State the conditions of the approval."))
    at = _now(at)
    app.status = Status.DECIDED
    app.outcome = outcome
    app.decision_text = text.strip()
    app.conditions = conditions.strip() if outcome == Application.Outcome.CONDITIONAL else ""
    app.decided_on = _day(at)
    app.workdays_used = workdays_between(app.accepted_on, app.decided_on)
    app.on_time = app.decided_on <= app.deadline if app.deadline else True
    app.deadline = None
    prefix = (app.service.document_prefix if app.service else "") or number_prefix()
    app.document_number = NumberSequence.next_number(prefix, app.decided_on.year)
    app.save()
    words = _("The case is finished: %(outcome)s. Result document %(number)s.") % {
        "outcome": app.get_outcome_display(),
        "number": app.document_number,
    }
    if app.conditions:
        words += " " + _("Conditions: %(conditions)s") % {"conditions": app.conditions}
    record(app, "decided", words, by=by, system=system, at=at)
    notify(app, _("Your application has been decided"), words + "\n" + _("Please rate our service."), at=at, send=send)

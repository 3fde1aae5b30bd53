"""Receiving one public form: a repeated token finds the earlier submission, the allowance is checked before and
used up only when the submission is saved, the honeypot refuses (and counts, so that a bot's next try is held).
Every attempt that carries files counts against a per-address allowance of its own (intake.limits.UPLOADS), saved
or not, because checking the files is what costs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from .forms import IntakeForm
from .limits import UPLOADS, Allowance


class Outcome(enum.Enum):
    SAVED = "saved"  # a new submission
    REPEATED = "repeated"  # the same form sent again: `obj` is the first submission
    LIMITED = "limited"  # this address has used up its allowance (the form is validated, to be shown again)
    SPAM = "spam"  # the honeypot was filled in (the form is validated, to be shown again)
    INVALID = "invalid"  # the form has errors: nothing counted


@dataclass
class Submission:
    outcome: Outcome
    obj: models.Model | None = None


def earlier(form: IntakeForm) -> models.Model | None:
    """The submission already made with this form's token, if any."""
    token = form.token
    if token is None:
        return None
    return form._meta.model._default_manager.filter(**{form.token_field: token}).first()


def _validate_without_files(form: IntakeForm) -> None:
    """Validates what was typed, to show it again, without opening the files of a request that is refused anyway."""
    form.files = MultiValueDict()
    form.is_valid()


def receive(request: HttpRequest, form: IntakeForm, allowance: Allowance, **attributes) -> Submission:
    """Checks and saves the bound model form `form` (an IntakeForm and a ModelForm), setting `attributes` and the
    token on the new object."""
    first = earlier(form)
    if first is not None:
        return Submission(Outcome.REPEATED, first)
    if request.FILES:
        # Checking files costs memory and time whether or not the form is then accepted: every attempt that carries
        # files counts, and one over the limit is turned away before any file is opened.
        if UPLOADS.exhausted(request):
            _validate_without_files(form)
            return Submission(Outcome.LIMITED)
        UPLOADS.count(request)
    if allowance.exhausted(request):
        _validate_without_files(form)
        return Submission(Outcome.LIMITED)
    if form.is_spam:
        allowance.count(request)
        form.is_valid()
        return Submission(Outcome.SPAM)
    if not form.is_valid():
        return Submission(Outcome.INVALID)
    obj = form.save(commit=False)
    for name, value in attributes.items():
        setattr(obj, name, value)
    setattr(obj, form.token_field, form.token)
    try:
        with transaction.atomic():
            obj.save()
            form.save_m2m()
    except IntegrityError:  # the same form sent twice at once: the other request saved it first
        first = earlier(form)
        if first is None:
            raise
        return Submission(Outcome.REPEATED, first)
    allowance.count(request)
    return Submission(Outcome.SAVED, obj)

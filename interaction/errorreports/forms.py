"""The public error report form: the page, the kind of error, what is wrong, an optional contact; a honeypot."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from interaction.intake.forms import IntakeForm

from .models import ErrorReport

SITE_PATH = re.compile(r"^/(?!/)[^\s\x00-\x1f\x7f\\]*$")


def clean_page_path(value: str) -> str:
    """A path on this site ("/xxgk/..."), never another site's address or a script URL."""
    value = (value or "").strip()
    if not value or len(value) > 500 or not SITE_PATH.match(value):
        return ""
    return value


class ErrorReportForm(IntakeForm, forms.ModelForm):
    """The honeypot and the one-time token come from IntakeForm."""

    required_css_class = "required"  # labels of required fields get a marker (CSS)

    class Meta:
        model = ErrorReport
        fields = ["page_url", "error_type", "description", "contact"]
        widgets = {
            "page_url": forms.HiddenInput,
            "error_type": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["error_type"].choices = [c for c in self.fields["error_type"].choices if c[0]]
        self.fields["description"].help_text = _(
            "What is wrong, and where on the page: the wrong words, the link that does not work, what is out of date."
        )
        self.fields["contact"].help_text = _(
            "A telephone number or e-mail address if you would like an answer. It is never published."
        )
        for field in self.fields.values():
            field.error_messages["required"] = _("This field is required.")

    def clean_page_url(self):
        path = clean_page_path(self.cleaned_data.get("page_url"))
        if not path:
            raise ValidationError(
                _("The report must name a page of this site. Use the link at the foot of the page that has the error."),
                code="page",
            )
        return path

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 5:
            raise ValidationError(_("Please describe the error in a few words (at least 5 characters)."), code="too_short")
        return text

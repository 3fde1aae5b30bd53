"""The part every public form shares: the honeypot `website` and the one-time `submission_token`."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext, gettext_lazy

HONEYPOT = "website"
TOKEN = "submission_token"
TOKEN_LENGTH = 64  # the models' token columns are CharField(max_length=64)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class IntakeForm(forms.Form):
    """Mixed into a public form (before forms.ModelForm). `website` is hidden from people by CSS and skipped by the
    keyboard; robots fill it in. `submission_token` is new for each form shown, so the same form sent twice makes
    one submission. `token_field` names the model's column holding the token."""

    token_field = TOKEN

    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for field in self.fields.values():
            if getattr(field, "max_length", None) and not isinstance(field.widget, forms.HiddenInput):
                # The browser would cut a longer text without a word (a pasted letter loses its end): the server
                # says which field is too long and by how much, and the form comes back with all of it.
                field.widget.attrs.pop("maxlength", None)
                field.error_messages["max_length"] = gettext(
                    "“%(field)s” may be at most %(limit_value)d characters long; it has %(show_value)d. "
                    "Please shorten it: what you typed has been kept."
                ).replace("%(field)s", str(field.label or ""))
        if not self.is_bound and not self.initial.get(TOKEN):
            self.initial[TOKEN] = new_token()

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    @property
    def token(self) -> str | None:
        """The one-time token as sent (read from the data, so a form with errors still knows it)."""
        return (str(self.data.get(TOKEN) or ""))[:TOKEN_LENGTH] or None

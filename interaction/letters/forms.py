"""The public forms (write a letter, look one up) and the staff forms (assign, draft a reply)."""

from __future__ import annotations

import re

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcms.security.uploads import check_attachment
from interaction.intake.codes import normalise_code
from interaction.intake.forms import IntakeForm

from .models import Letter, LetterCategory

PHONE = re.compile(r"^(?:\+?86)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


NUMBERS = "零一二三四五六七八九十"
OPERATORS = {"+": "加", "-": "减", "×": "乘以", "*": "乘以"}


def spoken_challenge(challenge: str) -> str:
    """The picture's sum in Chinese words ("3×5=" → "三乘以五等于几"), so that a visitor who cannot see the
    picture can answer it by ear (a screen reader reads it) or by typing."""
    match = re.fullmatch(r"(\d+)\s*([-+×*])\s*(\d+)=?", challenge.strip())
    if match is None:
        return ""
    a, op, b = match.groups()

    def say(n: str) -> str:
        value = int(n)
        return NUMBERS[value] if value <= 10 else n

    return f"{say(a)}{OPERATORS[op]}{say(b)}等于几"


class CaptchaWidget(CaptchaTextInput):
    """The picture, its sum in words for those who cannot see it, then the answer box. The key travels in a plain
    hidden input (no autocomplete or inputmode, which a hidden input may not carry)."""

    template_name = "letters/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        hidden = context["widget"]["subwidgets"][0]["attrs"]
        for attr in [a for a in hidden if a in ("autocomplete", "inputmode", "required") or a.startswith("aria-")]:
            hidden.pop(attr)
        store = CaptchaStore.objects.filter(hashkey=self._key).first()
        context["spoken"] = spoken_challenge(store.challenge) if store else ""
        return context


def captcha_field() -> CaptchaField:
    return CaptchaField(
        label=gettext_lazy("Check"),
        widget=CaptchaWidget(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=gettext_lazy("Type the result of the calculation in the picture."),
        error_messages={
            "invalid": gettext_lazy("The result of the calculation was wrong; please try the new one."),
            "required": gettext_lazy("Please type the result of the calculation in the picture."),
            "incomplete": gettext_lazy("Please type the result of the calculation in the picture."),
        },
    )


class LetterForm(IntakeForm, forms.ModelForm):
    """What a visitor writes; the honeypot and the one-time token come from IntakeForm (the token is kept in the
    letter's form_token column)."""

    token_field = "form_token"

    decline_publication = forms.BooleanField(
        label=gettext_lazy("Do not publish my letter"),
        required=False,
        help_text=gettext_lazy("Answered letters are normally published with your name and contact details removed."),
    )

    class Meta:
        model = Letter
        fields = ["writer_name", "phone", "email", "category", "subject", "message", "attachment"]
        widgets = {"message": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = LetterCategory.objects.all()
        self.fields["category"].empty_label = _("Choose a category")
        self.fields["phone"].help_text = _("A mobile or landline number, e.g. 13800000000 or 0731-82219000.")
        self.fields["email"].help_text = _(
            "Give a telephone number, an e-mail address or both. The reply is sent to the e-mail address."
        )
        limit = filesizeformat(settings.LETTERS_ATTACHMENT_MAX_SIZE)
        self.fields["attachment"].help_text = _("Optional. %(types)s, at most %(size)s.") % {
            "types": ", ".join(ext.upper() for ext in settings.LETTERS_ATTACHMENT_EXTENSIONS),
            "size": limit,
        }
        messages = {
            "writer_name": _("Please enter your name."),
            "category": _("Please choose a category."),
            "subject": _("Please enter a subject."),
            "message": _("Please write your letter."),
        }
        for name, text in messages.items():
            self.fields[name].error_messages["required"] = text
        self.fields["category"].error_messages["invalid_choice"] = _("Please choose one of the listed categories.")
        self.fields["email"].error_messages["invalid"] = _("Please enter a valid e-mail address, e.g. name@example.com.")
        for name in ("writer_name", "subject", "message"):
            self.fields[name].error_messages["max_length"] = _(
                "Please keep this to at most %(limit_value)d characters (it has %(show_value)d)."
            )
        if captcha:  # letters.views.captcha_needed decides
            self.fields["captcha"] = captcha_field()

    def clean_writer_name(self) -> str:
        name = " ".join(self.cleaned_data["writer_name"].split())
        if len(name) < 2:
            raise ValidationError(_("Please enter your full name."))
        return name

    def clean_phone(self) -> str:
        phone = "".join(self.cleaned_data.get("phone", "").split())
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _(
                    "“%(phone)s” is not a telephone number. Enter a mobile number (11 digits) "
                    "or a landline with its area code, e.g. 0731-82219000."
                )
                % {"phone": phone}
            )
        return phone

    def clean_subject(self) -> str:
        subject = " ".join(self.cleaned_data["subject"].split())
        if len(subject) < 4:
            raise ValidationError(_("Please give the subject in at least 4 characters."))
        return subject

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise ValidationError(_("Please describe your question or suggestion in at least 10 characters."))
        return message

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file:
            return file
        return check_attachment(
            file,
            fallback_name="attachment",
            extensions=settings.LETTERS_ATTACHMENT_EXTENSIONS,
            max_size=settings.LETTERS_ATTACHMENT_MAX_SIZE,
            max_pixels=getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
        )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Please give a telephone number or an e-mail address so that we can answer you."))
        return data

    def save(self, commit: bool = True) -> Letter:
        letter = super().save(commit=False)
        letter.publish_allowed = not self.cleaned_data.get("decline_publication")
        if commit:
            letter.save()
        return letter


class LookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=30,
        error_messages={"required": gettext_lazy("Please enter the tracking code.")},
    )
    contact = forms.CharField(
        label=gettext_lazy("Telephone or e-mail given in the letter"),
        max_length=254,
        error_messages={"required": gettext_lazy("Please enter the telephone number or e-mail address you gave.")},
    )

    def clean_code(self) -> str:
        return normalise_code(self.cleaned_data["code"])

    def find(self) -> Letter | None:
        """The letter whose code AND contact both match; None otherwise (the two cases look the same)."""
        letter = Letter.objects.filter(tracking_code=self.cleaned_data["code"]).select_related("category").first()
        if letter is None or not letter.contact_matches(self.cleaned_data["contact"]):
            return None
        return letter


def handler_choices():
    """Staff who may handle letters: active users with the permission to change them."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).order_by("username")
    return [u for u in users if u.has_perm("letters.change_letter")]


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=gettext_lazy("Handler"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": gettext_lazy("Please choose a handler.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in handler_choices()]
        self.fields["handler"].queryset = get_user_model().objects.filter(pk__in=ids).order_by("username")


class DraftForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Reply"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=10000,
        error_messages={"required": gettext_lazy("Please write the reply.")},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise ValidationError(_("The reply must be at least 10 characters long."))
        return text

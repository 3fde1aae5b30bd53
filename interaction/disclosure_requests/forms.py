"""The public application form (条例第二十九条), the lookup form, and the forms of the staff's actions."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcms.security.uploads import check_attachment
from interaction.intake.forms import IntakeForm

from . import choices
from .models import MAX_EXTENSION_WORKDAYS, DisclosureRequest
from .validators import (
    normalise_phone,
    validate_credit_code,
    validate_id_card,
    validate_other_id,
    validate_phone,
    validate_postcode,
)

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png")
DOCUMENT_EXTENSIONS = ("pdf",)
CITIZEN_FIELDS = ("id_type", "id_number", "work_unit")
ORGANISATION_FIELDS = ("organisation_kind", "credit_code", "legal_representative", "contact_person")


class ApplicationForm(IntakeForm, forms.ModelForm):
    """Every field the Regulations ask for, checked with messages that say how to put it right; the honeypot and
    the one-time token come from IntakeForm."""

    required_css_class = "required"  # labels of required fields get a marker (CSS)

    class Meta:
        model = DisclosureRequest
        fields = [
            "applicant_type",
            "name",
            "id_type",
            "id_number",
            "work_unit",
            "organisation_kind",
            "credit_code",
            "legal_representative",
            "contact_person",
            "phone",
            "email",
            "address",
            "postcode",
            "info_title",
            "info_document_number",
            "info_description",
            "purpose",
            "medium",
            "delivery",
            "attachment",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "medium": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "info_description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["name"].label = _("Name (person or organisation)")
        f["id_type"].choices = [("", _("— choose —"))] + list(DisclosureRequest.IdType.choices)
        f["organisation_kind"].choices = [("", _("— choose —"))] + list(choices.ORGANISATION_KINDS)
        f["organisation_kind"].label = _("Kind of organisation")
        f["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        f["email"].widget.attrs.update({"autocomplete": "email"})
        # A whole postal address: "street-address" autofill belongs on a multi-line field (the Nu checker refuses it
        # on a one-line input).
        f["address"].widget = forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"})
        f["postcode"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        f["attachment"].help_text = _(
            "Optional: a scan or photo of your identity document (PDF, JPG or PNG, at most %(size)s)."
        ) % {"size": filesizeformat(attachment_limit("pdf"))}
        f["info_description"].help_text = _(
            "Describe the information so that it can be found: its subject, the period it covers, who made it."
        )
        for name in ("medium", "delivery", "applicant_type"):
            f[name].choices = [c for c in f[name].choices if c[0]]
        required = _("This field is required.")
        for field in f.values():
            field.error_messages["required"] = required

    # -- fields ------------------------------------------------------------------------------------------

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        validate_phone(phone)
        return phone

    def clean_postcode(self):
        postcode = (self.cleaned_data.get("postcode") or "").strip()
        if postcode:
            validate_postcode(postcode)
        return postcode

    def clean_id_number(self):
        return (self.cleaned_data.get("id_number") or "").strip().upper()

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file or not hasattr(file, "read"):
            return file
        return check_attachment(
            file,
            fallback_name="identity",
            extensions=IMAGE_EXTENSIONS + DOCUMENT_EXTENSIONS,
            max_size=attachment_limit,
            max_pixels=getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
        )

    def clean(self):
        data = super().clean()
        citizen = data.get("applicant_type") == DisclosureRequest.ApplicantType.CITIZEN
        organisation = data.get("applicant_type") == DisclosureRequest.ApplicantType.ORGANISATION
        if citizen:
            self._require("id_type", "id_number")
            number = data.get("id_number")
            if number and data.get("id_type") == DisclosureRequest.IdType.ID_CARD:
                self._check("id_number", validate_id_card, number)
            elif number:
                self._check("id_number", validate_other_id, number)
            for name in ORGANISATION_FIELDS:
                data[name] = ""
        elif organisation:
            self._require("organisation_kind", "credit_code", "legal_representative", "contact_person")
            if data.get("credit_code"):
                self._check("credit_code", validate_credit_code, data["credit_code"])
            for name in CITIZEN_FIELDS:
                data[name] = ""
        if data.get("delivery") == DisclosureRequest.Delivery.EMAIL or data.get("medium") == DisclosureRequest.Medium.EMAIL:
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Give an e-mail address to receive the information by e-mail."))
        if data.get("delivery") == DisclosureRequest.Delivery.POST:
            self._require("postcode", message=_("Give the postcode to receive the information by post."))
        return data

    def _require(self, *names: str, message: str | None = None) -> None:
        for name in names:
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, message or _("This field is required."))

    def _check(self, name: str, validator, value) -> None:
        try:
            self.cleaned_data[name] = validator(value) or value
        except ValidationError as error:
            self.add_error(name, error)


def attachment_limit(extension: str) -> int:
    """The size limits the admin's uploads have (security/ settings): images and documents alike."""
    if extension in IMAGE_EXTENSIONS:
        return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    return min(
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024),
        getattr(settings, "DISCLOSURE_ATTACHMENT_MAX_SIZE", 10 * 1024 * 1024),
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Tracking code"), max_length=20)
    contact = forms.CharField(label=gettext_lazy("Telephone or e-mail given in the application"), max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("This field is required.")

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        request = DisclosureRequest.objects.filter(code=data["code"]).first()
        if request is None or not request.matches_contact(data["contact"]):
            # One message for both: a wrong code and a wrong contact must not be told apart.
            raise ValidationError(
                _("No application matches this tracking code and contact. Check both and try again."), code="no_match"
            )
        data["request"] = request
        return data


# -- staff actions ---------------------------------------------------------------------------------------


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Extension in working days"),
        min_value=1,
        max_value=MAX_EXTENSION_WORKDAYS,
        initial=MAX_EXTENSION_WORKDAYS,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )


class CorrectionRequestForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the applicant must correct or add (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


class CorrectionReceivedForm(forms.Form):
    received_on = forms.DateField(
        label=gettext_lazy("Date the correction arrived"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ApproveReplyForm(forms.Form):
    confirm = forms.BooleanField(label=gettext_lazy("I approve this reply letter; send it to the applicant"))


class StaffApplicationForm(ApplicationForm):
    """An application received by post or in person, entered by staff: the same checks, plus the day it arrived."""

    class Meta(ApplicationForm.Meta):
        fields = ["received_on"] + ApplicationForm.Meta.fields
        widgets = {**ApplicationForm.Meta.widgets, "received_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"], self.fields["submission_token"]
        self.fields["received_on"].help_text = _(
            "The day the letter arrived or the application was handed in: the 20 working days count from it."
        )

    @property
    def is_spam(self) -> bool:
        return False

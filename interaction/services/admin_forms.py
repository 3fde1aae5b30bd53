"""The forms of the handling page in the admin: refuse, 补正, review steps, the decision."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Application, ReviewStep


class RefuseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for not accepting"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionRequestForm(forms.Form):
    items = forms.CharField(
        label=gettext_lazy("Every missing material (one complete request)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Only one request is possible: list everything that is missing or must be corrected."),
    )


class StepForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Review step"), max_length=60, initial="处室审核")
    assignee = forms.ModelChoiceField(label=gettext_lazy("Person"), queryset=get_user_model().objects.none(), required=False)
    group = forms.ModelChoiceField(label=gettext_lazy("or group"), queryset=Group.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")

    def clean(self):
        data = super().clean()
        if not data.get("assignee") and not data.get("group"):
            raise ValidationError(_("Assign the review step to a person or a group."))
        return data


class CompleteStepForm(forms.Form):
    step = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.ChoiceField(label=gettext_lazy("Opinion"), choices=ReviewStep.Opinion.choices)
    comment = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Application.Outcome.choices)
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    conditions = forms.CharField(label=gettext_lazy("Conditions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Application.Outcome.CONDITIONAL and not (data.get("conditions") or "").strip():
            self.add_error("conditions", _("State the conditions of the approval."))
        if data.get("outcome") == Application.Outcome.REJECTED and not (data.get("text") or "").strip():
            self.add_error("text", _("Give the reasons for not approving."))
        return data

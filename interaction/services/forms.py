"""The application forms: two typed forms (办公用房维修项目审批, 公共机构节能 filing), the form a service's editor
assembles (Wagtail's form builder), the contact fields and the file slots every form shares; and the applicant's
correction and rating forms. Files are checked by govcms.security.uploads before they are kept."""

from __future__ import annotations

import datetime as dt
import decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.forms import FormBuilder

from govcms.security.uploads import IMAGE_EXTENSIONS, check_attachment
from interaction.intake.forms import IntakeForm

from .models import Rating

DOCUMENTS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps"]
PICTURES = list(IMAGE_EXTENSIONS)


def max_size() -> int:
    return int(getattr(settings, "SERVICES_ATTACHMENT_MAX_SIZE", 20 * 1024 * 1024))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class Slot:
    """A material the applicant uploads: its field name, label, whether required, the file types, several or one."""

    def __init__(self, name: str, label, *, required: bool = True, pictures: bool = False, multiple: bool = False):
        self.name, self.label, self.required, self.pictures, self.multiple = name, label, required, pictures, multiple

    @property
    def extensions(self) -> list[str]:
        return PICTURES if self.pictures else DOCUMENTS + PICTURES


class ApplicationForm(IntakeForm):
    """The fields every application has; subclasses add the details and the file slots. `existing` maps a slot to
    the attachments already kept for this form (from an earlier send with errors, or a draft)."""

    slots: list[Slot] = []
    detail_names: list[str] = []

    title = forms.CharField(label=gettext_lazy("Project or request"), max_length=120)
    contact_name = forms.CharField(label=gettext_lazy("Contact person"), max_length=50)
    contact_phone = forms.CharField(label=gettext_lazy("Telephone"), max_length=30)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)

    def __init__(self, *args, existing: dict | None = None, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = existing or {}
        self.draft = draft
        self.fields["email"].help_text = _("Notices of each step are sent to this address.")
        for slot in self.slots:
            field_class = MultipleFileField if slot.multiple else forms.FileField
            self.fields[slot.name] = field_class(label=slot.label, required=False)
            self.fields[slot.name].help_text = _("%(types)s, at most %(size)s each.") % {
                "types": ", ".join(e.upper() for e in slot.extensions),
                "size": filesizeformat(max_size()),
            }
            self.fields[slot.name].slot = slot
        if draft:
            for field in self.fields.values():
                field.required = False

    def file_fields(self):
        return [self[slot.name] for slot in self.slots]

    def clean(self):
        data = super().clean()
        for slot in self.slots:
            raw = self.files.getlist(slot.name) if hasattr(self.files, "getlist") else []
            checked, errors = [], []
            for file in raw:
                try:
                    checked.append(
                        check_attachment(
                            file,
                            fallback_name=slot.name,
                            extensions=slot.extensions,
                            max_size=max_size(),
                            max_pixels=getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
                        )
                    )
                except ValidationError as error:
                    errors.extend(error.messages)
            if not slot.multiple:
                checked = checked[:1]
            data[slot.name] = checked
            if errors:
                self.add_error(slot.name, errors)
            elif slot.required and not self.draft and not checked and not self.existing.get(slot.name):
                self.add_error(slot.name, _("Please attach “%(material)s”.") % {"material": slot.label})
        return data

    def details(self) -> dict:
        """The typed details, JSON-ready (decimals and dates as text)."""
        out = {}
        for name in self.detail_names:
            value = self.cleaned_data.get(name)
            if isinstance(value, (decimal.Decimal, dt.date)):
                value = str(value)
            elif isinstance(value, list):
                value = [str(v) for v in value]
            out[name] = value if value is not None else ""
        return out

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {name: str(field.label) for name, field in cls.base_fields.items() if name in cls.detail_names}


class RepairForm(ApplicationForm):
    """办公用房维修项目审批."""

    WORK_KINDS = [
        ("", gettext_lazy("Choose the kind of work")),
        ("roof", "屋面防水"),
        ("facade", "外立面修缮"),
        ("services", "水电暖设施改造"),
        ("fire", "消防设施维修"),
        ("general", "综合维修"),
        ("other", "其他"),
    ]
    FUNDING = [
        ("", gettext_lazy("Choose the source")),
        ("budget", "财政预算资金"),
        ("own", "单位自有资金"),
        ("other", "其他资金"),
    ]

    building = forms.CharField(label=gettext_lazy("Building"), max_length=100)
    rooms = forms.CharField(label=gettext_lazy("Rooms or parts"), max_length=200)
    area = forms.DecimalField(label=gettext_lazy("Area (m²)"), min_value=decimal.Decimal("0.1"), max_digits=10, decimal_places=2)
    work_kind = forms.ChoiceField(label=gettext_lazy("Kind of work"), choices=WORK_KINDS)
    estimated_cost = forms.DecimalField(
        label=gettext_lazy("Estimated cost (10,000 yuan)"), min_value=decimal.Decimal("0.01"), max_digits=10, decimal_places=2
    )
    funding = forms.ChoiceField(label=gettext_lazy("Source of funds"), choices=FUNDING)
    start_date = forms.DateField(label=gettext_lazy("Planned start"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=gettext_lazy("Planned completion"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=gettext_lazy("Why the repair is needed"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )

    detail_names = ["building", "rooms", "area", "work_kind", "estimated_cost", "funding", "start_date", "end_date", "reason"]
    slots = [
        Slot("plan", gettext_lazy("Repair plan")),
        Slot("budget", gettext_lazy("Budget")),
        Slot("photos", gettext_lazy("Photos of the present state"), required=False, pictures=True, multiple=True),
    ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The completion date cannot be before the start."))
        return data


class EnergyForm(ApplicationForm):
    """公共机构节能: an energy-saving retrofit or 合同能源管理 project filing."""

    KINDS = [("", gettext_lazy("Choose the kind of project")), ("retrofit", "节能改造"), ("emc", "合同能源管理")]

    institution = forms.CharField(label=gettext_lazy("Public institution"), max_length=120)
    project_kind = forms.ChoiceField(label=gettext_lazy("Kind of project"), choices=KINDS)
    measures = forms.CharField(label=gettext_lazy("Measures"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    investment = forms.DecimalField(
        label=gettext_lazy("Investment (10,000 yuan)"), min_value=decimal.Decimal("0.01"), max_digits=10, decimal_places=2
    )
    savings_kgce = forms.DecimalField(
        label=gettext_lazy("Expected savings a year (kgce)"), min_value=decimal.Decimal("0"), max_digits=12, decimal_places=1
    )
    savings_yuan = forms.DecimalField(
        label=gettext_lazy("Expected savings a year (10,000 yuan)"),
        min_value=decimal.Decimal("0"),
        max_digits=10,
        decimal_places=2,
    )

    detail_names = ["institution", "project_kind", "measures", "investment", "savings_kgce", "savings_yuan"]
    slots = [
        Slot("proposal", gettext_lazy("Project proposal")),
        Slot("contract", gettext_lazy("Energy performance contract (合同能源管理 projects)"), required=False),
        Slot("other", gettext_lazy("Other materials"), required=False, multiple=True),
    ]

    def clean(self):
        data = super().clean()
        if (
            data.get("project_kind") == "emc"
            and not self.draft
            and not data.get("contract")
            and not self.existing.get("contract")
        ):
            self.add_error("contract", _("A 合同能源管理 project needs its energy performance contract."))
        return data


class BuilderForm(ApplicationForm):
    """The form assembled by the service's editor: its fields come from the guide's form_fields."""

    slots = [Slot("materials", gettext_lazy("Materials"), required=False, multiple=True)]

    def __init__(self, *args, guide=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.builder_fields = list(guide.form_fields.all()) if guide is not None else []
        built = FormBuilder(self.builder_fields).formfields
        for name, field in built.items():
            if self.draft:
                field.required = False
            self.fields[name] = field
        self.detail_names = list(built)
        self.order_fields(["title", "contact_name", "contact_phone", "email", *built, "materials"])

    def builder_labels(self) -> dict[str, str]:
        return {f.clean_name: f.label for f in self.builder_fields}


FORMS = {"repair": RepairForm, "energy": EnergyForm, "builder": BuilderForm}


def form_class(kind: str) -> type[ApplicationForm]:
    return FORMS.get(kind, BuilderForm)


def detail_labels(kind: str, guide=None) -> dict[str, str]:
    if kind in ("repair", "energy"):
        return FORMS[kind].labels()
    if guide is not None:
        return {f.clean_name: f.label for f in guide.form_fields.all()}
    return {}


class CorrectionForm(forms.Form):
    """The applicant's answer to a 补正 request: the missing files and a note."""

    files = MultipleFileField(label=gettext_lazy("Missing materials"), required=True)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def clean_files(self):
        checked = []
        for file in self.cleaned_data.get("files") or []:
            checked.append(check_attachment(file, fallback_name="material", extensions=DOCUMENTS + PICTURES, max_size=max_size()))
        if not checked:
            raise ValidationError(_("Please attach the missing materials."))
        return checked


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=gettext_lazy("Your rating"), choices=Rating.SCORES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Tracking code"), max_length=30)
    phone = forms.CharField(label=gettext_lazy("Telephone given in the application"), max_length=30)

"""The annual report's figures as a model field whose admin form is the national format's tables with a number input
in every cell that is not a total."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from cms.disclosure.report_format import FIGURE_KEYS, Figures, normalise

FORMAT_FLAG = "in-format"  # the checkbox "this report uses the format's tables"


class FiguresWidget(forms.Widget):
    template_name = "disclosure/widgets/report_figures.html"

    def format_value(self, value) -> dict:
        if isinstance(value, str):
            try:
                value = json.loads(value or "{}")
            except ValueError:
                value = {}
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = self.format_value(value)
        context["tables"] = Figures(values).tables()
        context["prefix"] = name + "-"
        context["in_format"] = bool(values)
        return context

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}-{key}" in data for key in FIGURE_KEYS):
            return None
        if not data.get(f"{name}-{FORMAT_FLAG}"):
            return {}  # a report written by hand, without the format's tables
        return {key: data.get(f"{name}-{key}", "") for key in FIGURE_KEYS}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{key}" in data for key in FIGURE_KEYS)


class FiguresFormField(forms.Field):
    widget = FiguresWidget

    def to_python(self, value) -> dict:
        if not value:  # nothing posted, or a report without the format's tables
            return {}
        if isinstance(value, str):
            value = json.loads(value)
        clean, errors = normalise(value)
        if errors:
            raise ValidationError(errors, code="invalid_figure")
        return clean

    def has_changed(self, initial, data) -> bool:
        try:
            return normalise(initial or {})[0] != normalise(data or {})[0]
        except (TypeError, AttributeError):
            return True


class ReportFiguresField(models.JSONField):
    """A JSON object {figure key: value} (keys in report_format.FIGURE_KEYS) edited as the report's tables."""

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": FiguresFormField, **kwargs})

"""Filters of the catalogue listings: category, organ, topic, genre, year, validity."""

from __future__ import annotations

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.core.dates import years_with
from cms.core.tree import below
from cms.taxonomy.models import Genre, Organ, Topic


class IdChoiceField(forms.ModelChoiceField):
    """A model choice by id where a number too large for the database is an invalid choice, as on PostgreSQL,
    instead of SQLite's OverflowError."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class CatalogueFilter(django_filters.FilterSet):
    """Filters a queryset of DisclosureItemPage; `root` is the catalogue page or category listing it."""

    category = IdChoiceFilter(
        label=_("Category"), queryset=Page.objects.none(), method="filter_category", empty_label=_("All categories")
    )
    organ = IdChoiceFilter(label=_("Issuing organ"), queryset=Organ.objects.all(), empty_label=_("All organs"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="slug", empty_label=_("All topics")
    )
    genre = django_filters.ModelChoiceFilter(
        label=_("Genre"), queryset=Genre.objects.all(), to_field_name="slug", empty_label=_("All genres")
    )
    # TypedChoiceFilter takes no empty_label (it crashed every listing): the blank choice is added in __init__.
    year = django_filters.TypedChoiceFilter(label=_("Year"), choices=[], coerce=int, method="filter_year")
    validity = django_filters.ChoiceFilter(
        label=_("Validity"),
        method="filter_validity",
        empty_label=_("Any validity"),
        choices=[("valid", _("In force")), ("expired", _("Expired")), ("repealed", _("Repealed"))],
    )

    def __init__(self, data=None, queryset=None, *, root: Page, **kwargs):
        super().__init__(data=data, queryset=queryset, **kwargs)
        # By the app registry: the catalogue's page models list their items through this filter set.
        category_model = apps.get_model("disclosure", "CategoryPage")
        self.root = root
        self.filters["category"].queryset = category_model.objects.live().descendant_of(root).order_by("path")
        years = years_with(queryset, "publication_date") if queryset is not None else []
        self.filters["year"].extra["choices"] = [("", _("All years"))] + [(y, f"{y}年") for y in years]
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "filter-input")
        self.form.fields["category"].label_from_instance = lambda page: "　" * max(page.depth - root.depth - 1, 0) + page.title

    @staticmethod
    def filter_category(queryset: QuerySet, name: str, value: Page) -> QuerySet:
        return below(queryset, value) if value else queryset

    @staticmethod
    def filter_year(queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(publication_date__year=value) if value else queryset

    @staticmethod
    def filter_validity(queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        lapsed = Q(validity="valid", expiry_date__lt=today)
        if value == "valid":
            return queryset.filter(validity="valid").exclude(lapsed)
        if value == "expired":
            return queryset.filter(Q(validity="expired") | lapsed)
        if value == "repealed":
            return queryset.filter(validity="repealed")
        return queryset

    class Meta:
        form = forms.Form
        fields: list[str] = []

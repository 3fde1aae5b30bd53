"""Admin: a flat listing of every disclosed item, with the catalogue's metadata as columns and filters (category,
year, organ, topic, genre, validity, status), dates written as read in China (2026-12-06), the title given room;
the annual report's admin page."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from cms.core.dates import years_with
from cms.disclosure.models import CategoryPage, DisclosureItemPage
from cms.disclosure.report_views import GenerateReportView


class AbsoluteDateColumn(DateColumn):
    """A date as 2026-12-06 (with the time for a moment), never "11 hours ago"."""

    cell_template_name = "disclosure/admin/date_cell.html"

    def __init__(self, *args, with_time: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_time = with_time


class CategoryChoiceFilter(django_filters.ModelChoiceFilter):
    """A catalogue category, indented by depth: its items and those of its sub-categories."""

    def __init__(self, **kwargs):
        super().__init__(queryset=CategoryPage.objects.order_by("path"), method=self.filter_category, **kwargs)

    @property
    def field(self):
        field = super().field
        depths = [page.depth for page in field.queryset[:1]]
        top = depths[0] if depths else 0
        field.label_from_instance = lambda page: "　" * max(page.depth - top, 0) + page.title
        return field

    @staticmethod
    def filter_category(queryset, name, value):
        return queryset.descendant_of(value) if value else queryset


def year_choices() -> list[tuple[int, str]]:
    return [(year, f"{year}年") for year in years_with(DisclosureItemPage.objects.all(), "publication_date")]


STATUS_CHOICES = [
    ("live", _("Published")),
    ("changed", _("Published, with unpublished changes")),
    ("draft", _("Draft (never published or unpublished)")),
    ("in_review", _("In review")),
]


class DisclosureItemFilterSet(PageFilterSet):
    category = CategoryChoiceFilter(label=_("Category"))
    year = django_filters.TypedChoiceFilter(
        label=_("Year of publication"), choices=year_choices, coerce=int, method="filter_year"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, method="filter_status")

    class Meta:
        model = DisclosureItemPage
        fields = ["organ", "topic", "genre", "validity"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(publication_date__year=value) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == "live":
            return queryset.filter(live=True)
        if value == "changed":
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == "draft":
            return queryset.filter(live=False)
        if value == "in_review":  # submitted to a workflow, not yet approved or sent back
            return queryset.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS).distinct()
        return queryset


_BASE = PageListingViewSet.columns


class DisclosureItemListing(PageListingViewSet):
    model = DisclosureItemPage
    icon = "list-ol"
    menu_label = _("Disclosure catalogue")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = DisclosureItemFilterSet
    # The title takes what the fixed-width columns leave: about a third of the table at 1920 px.
    columns = [
        *[column for column in _BASE if column.name in ("bulk_actions", "title")],
        Column("index_number", label=_("index number"), sort_key="index_number", width="12%"),
        Column("document_number", label=_("document number"), width="10%"),
        Column("organ", label=_("issuing organ"), width="9%"),
        AbsoluteDateColumn("publication_date", label=_("publication date"), sort_key="publication_date", width="8%"),
        *[column for column in _BASE if column.name == "parent"],  # the category
        AbsoluteDateColumn(
            "latest_revision_created_at",
            label=_("Updated"),
            sort_key="latest_revision_created_at",
            width="10%",
            with_time=True,
        ),
        *[column for column in _BASE if column.name == "status"],
    ]


@hooks.register("register_admin_viewset")
def register_disclosure_item_listing():
    return DisclosureItemListing("disclosure_items")


@hooks.register("register_admin_urls")
def annual_report_urls():
    return [path("annual-report/", GenerateReportView.as_view(), name="annual_report")]


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("disclosure.add_annualreportpage") or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def annual_report_menu_item():
    return AnnualReportMenuItem(_("Annual report"), reverse("annual_report"), icon_name="doc-full", order=151)

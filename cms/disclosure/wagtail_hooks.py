"""Admin: a flat listing of every disclosed item, with the catalogue's metadata as columns and filters; the annual
report's admin page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.disclosure.models import DisclosureItemPage
from cms.disclosure.report_views import GenerateReportView


class DisclosureItemFilterSet(PageFilterSet):
    class Meta:
        model = DisclosureItemPage
        fields = ["organ", "topic", "genre", "validity"]


class DisclosureItemListing(PageListingViewSet):
    model = DisclosureItemPage
    icon = "list-ol"
    menu_label = _("Disclosure catalogue")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = DisclosureItemFilterSet
    columns = (
        PageListingViewSet.columns[:2]
        + [
            Column("index_number", label=_("index number"), sort_key="index_number", width="20%"),
            Column("document_number", label=_("document number"), width="14%"),
            Column("organ", label=_("issuing organ"), width="14%"),
            DateColumn("publication_date", label=_("publication date"), sort_key="publication_date", width="10%"),
        ]
        + PageListingViewSet.columns[2:]
    )


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

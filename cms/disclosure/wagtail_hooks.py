"""Admin: a flat listing of every disclosed item, with the catalogue's metadata as columns and filters."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.disclosure.models import DisclosureItemPage


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

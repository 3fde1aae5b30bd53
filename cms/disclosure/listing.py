"""The filtered, paginated listing of disclosed items shown by the catalogue root and its categories."""

from __future__ import annotations

from django.apps import apps

from cms.core.listing import paginate
from cms.core.tree import below
from cms.disclosure.filters import CatalogueFilter


class CatalogueListingMixin:
    """Adds `items` (a page of filtered items), `filter` and `querystring` to the page context."""

    def listing_queryset(self):
        # By the app registry: this mixin is a base of the catalogue's page models, so it cannot import them.
        item_model = apps.get_model("disclosure", "DisclosureItemPage")
        return (
            below(item_model.objects.live().public(), self)
            .select_related("organ", "topic", "genre")
            .order_by("-publication_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        base = self.listing_queryset()
        item_filter = CatalogueFilter(request.GET or None, queryset=base, root=self)
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            filter=item_filter,
            items=paginate(request, item_filter.qs),
            querystring=params.urlencode(),
            filters_active=any(v for k, v in request.GET.items() if k in item_filter.filters),
        )
        return context

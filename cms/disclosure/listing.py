"""The filtered, paginated listing of disclosed items shown by the catalogue root and its categories."""

from __future__ import annotations

from django.core.paginator import Paginator

from cms.core.tree import below

PAGE_SIZE = 20


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """A page of `queryset` for ?page=N; a missing, malformed or out-of-range number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page")
    try:
        if int(number) < 1:  # Paginator.get_page would give the last page for these
            number = 1
    except (TypeError, ValueError):
        pass
    return paginator.get_page(number)


class CatalogueListingMixin:
    """Adds `items` (a page of filtered items), `filter` and `querystring` to the page context."""

    def listing_queryset(self):
        from cms.disclosure.models import DisclosureItemPage

        return (
            below(DisclosureItemPage.objects.live().public(), self)
            .select_related("organ", "topic", "genre")
            .order_by("-publication_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from cms.disclosure.filters import CatalogueFilter

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

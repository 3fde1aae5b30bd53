"""Admin: search analytics for editors (Reports → 搜索统计), a week at a time: the top queries, the queries that found
nothing and the queries whose results nobody opened, so editors know which synonyms and best bets to add."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search import analytics
from search.models import QueryStat


def may_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("sitesearch.view_querystat"))


class SearchAnalyticsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Search analytics")
    header_icon = "search"
    template_name = "sitesearch/admin/analytics.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = list(QueryStat.objects.order_by("-week").values_list("week", flat=True).distinct()[:26])
        this_week = analytics.week_of()
        if this_week not in weeks:
            weeks.insert(0, this_week)
        try:
            week = datetime.date.fromisoformat(self.request.GET.get("week", ""))
            week = analytics.week_of(week)
        except ValueError:
            week = this_week
        url = reverse("sitesearch_analytics")
        context.update(
            {
                "week": week,
                "week_end": week + datetime.timedelta(days=6),
                "weeks": [{"value": w, "link": f"{url}?week={w.isoformat()}", "current": w == week} for w in weeks],
                "report": analytics.report(week),
                "synonyms_url": reverse("wagtailsnippets_sitesearch_synonymrule:list"),
                "best_bets_url": reverse("wagtailsnippets_sitesearch_bestbet:list"),
            }
        )
        return context

"""Admin: editors keep the search synonyms (公车 → 公务用车) and best bets (推荐结果) as snippets under Settings, and
read the search analytics under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import SearchAnalyticsView, may_view
from search.models import BestBet, SynonymRule


class SynonymRuleViewSet(SnippetViewSet):
    model = SynonymRule
    icon = "search"
    add_to_settings_menu = True
    menu_label = "搜索同义词"
    list_display = ["term", "synonyms", BooleanColumn("two_way", label=SynonymRule._meta.get_field("two_way").verbose_name)]
    search_fields = ["term", "synonyms"]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    add_to_settings_menu = True
    menu_label = "推荐结果"
    list_display = ["queries", "page", "note", "sort_order"]
    search_fields = ["queries", "note"]


register_snippet(SynonymRuleViewSet)
register_snippet(BestBetViewSet)


@hooks.register("register_admin_urls")
def register_analytics_url():
    return [path("reports/search/", SearchAnalyticsView.as_view(), name="sitesearch_analytics")]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view(request.user)


@hooks.register("register_reports_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        gettext_lazy("Search analytics"), reverse("sitesearch_analytics"), name="search-analytics", icon_name="search", order=1200
    )

"""Admin: editors keep the search synonyms (公车 → 公务用车) as a snippet under Settings."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymRule


class SynonymRuleViewSet(SnippetViewSet):
    model = SynonymRule
    icon = "search"
    add_to_settings_menu = True
    menu_label = "搜索同义词"
    list_display = ["term", "synonyms", "two_way"]
    search_fields = ["term", "synonyms"]


register_snippet(SynonymRuleViewSet)

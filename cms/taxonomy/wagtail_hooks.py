"""Registers organs, topics and genres as snippets, grouped in one admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.taxonomy.models import Genre, Organ, Topic


class OrganViewSet(SnippetViewSet):
    model = Organ
    icon = "group"
    list_display = ["name", "short_name", "code", "order"]
    search_fields = ["name", "code"]
    # Plain ORM matching: the search index cannot restrict a search to these fields on SQLite (it failed
    # with "no such column: name"), and a part of a code should find its organ.
    search_backend_name = None


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "order"]


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "list-ul"
    list_display = ["name", "slug", "order"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Classification")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (OrganViewSet, TopicViewSet, GenreViewSet)


register_snippet(TaxonomyGroup)

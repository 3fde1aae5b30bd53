"""Site health in the admin: the built-in checks registered under `register_site_health_checks`, the report and
broken-links pages (menu 网站健康), the dashboard panel, and the column update rules."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .models import ColumnRule
from .registry import HOOK
from .rules import content, links, responses, updates


@hooks.register(HOOK)
def register_builtin_checks():
    return [
        updates.home_updated,
        updates.publication_dates,
        updates.news_columns,
        updates.stale_columns,
        updates.empty_columns,
        links.links_working,
        responses.letters_answered,
        responses.error_reports_answered,
        responses.disclosure_requests_answered,
        responses.published_answers_private,
        content.sensitive_words_published,
        content.expired_in_force,
        content.images_alt_text,
    ]


class ColumnRuleViewSet(ModelViewSet):
    model = ColumnRule
    icon = "time"
    menu_label = _("Column update rules")
    add_to_admin_menu = False
    list_display = ["page", "kind", "max_days", "note"]
    form_fields = ["page", "kind", "max_days", "note"]


@hooks.register("register_admin_viewset")
def register_column_rules():
    return ColumnRuleViewSet("health_column_rules")


health_urls = (
    [
        path("", views.report_view, name="index"),
        path("links/", views.links_view, name="links"),
    ],
    "health",
)


@hooks.register("register_admin_urls")
def register_health_urls():
    return [path("health/", include(health_urls))]


@hooks.register("register_admin_menu_item")
def register_health_menu():
    return MenuItem(_("Site health"), reverse("health:index"), icon_name="success", order=120, name="site-health")


@hooks.register("construct_homepage_panels")
def add_health_panel(request, panels):
    if views.may_view(request.user):
        panels.append(views.HealthPanel())

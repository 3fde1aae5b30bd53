"""Admin: business systems with their scopes, tokens and call log (Settings → 业务系统接入)."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .forms import SystemForm
from .models import System


class TokensColumn(Column):
    def get_value(self, instance):
        return format_html('<a href="{}">{}</a>', reverse("integrations_tokens", args=[instance.pk]), _("Tokens and calls"))


class SystemViewSet(ModelViewSet):
    model = System
    icon = "key"
    menu_label = _("Business systems")
    add_to_settings_menu = True
    list_display = ["name", "code", "active", TokensColumn("tokens", label=_("API tokens"))]
    list_filter = ["active"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("code"), FieldPanel("description"), FieldPanel("scopes"), FieldPanel("active")],
        base_form_class=SystemForm,
    )


@hooks.register("register_admin_viewset")
def register_systems():
    return SystemViewSet("integration_systems")


@hooks.register("register_admin_urls")
def token_urls():
    return [
        path("integrations/<int:pk>/tokens/", views.tokens, name="integrations_tokens"),
        path("integrations/<int:pk>/tokens/issue/", views.issue_token, name="integrations_issue_token"),
        path("integrations/tokens/<int:pk>/revoke/", views.revoke_token, name="integrations_revoke_token"),
    ]

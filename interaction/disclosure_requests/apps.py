"""Django app configuration for disclosure on request (依申请公开)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureRequestsConfig(AppConfig):
    name = "interaction.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = _("Disclosure on request")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import recount  # noqa: F401 - recounts open deadlines when the working-day calendar changes

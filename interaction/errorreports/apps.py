"""Django app configuration for error reports (我为政府网站找错)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorReportsConfig(AppConfig):
    name = "interaction.errorreports"
    label = "errorreports"
    verbose_name = _("Error reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import recount  # noqa: F401 - recounts open deadlines when the working-day calendar changes

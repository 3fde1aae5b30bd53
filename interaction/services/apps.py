"""App config of the online services (app label `applications`)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "interaction.services"
    label = "applications"
    verbose_name = _("Online services")

    def ready(self) -> None:
        from . import recount  # noqa: F401 - recounts open deadlines when the working-day calendar changes

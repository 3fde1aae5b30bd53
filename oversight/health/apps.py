"""The site health app (label "health")."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "oversight.health"
    label = "health"
    verbose_name = _("Site health")
    default_auto_field = "django.db.models.BigAutoField"

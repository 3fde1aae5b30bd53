"""App config of the business systems' API access."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "govcms.integrations"
    label = "integrations"
    verbose_name = _("Business systems")
    default_auto_field = "django.db.models.BigAutoField"

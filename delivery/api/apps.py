"""Django app configuration for the headless API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadlessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "delivery.api"
    label = "headless"
    verbose_name = _("Headless API")

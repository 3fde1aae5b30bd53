"""App config for the social outbox; connects the drafting signal."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "delivery.social"
    label = "social"
    verbose_name = _("Social media")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (imports models: only once the app registry is ready)

"""App config for working-day arithmetic (法定节假日与调休)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "interaction.workdays"
    label = "workdays"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Working days")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers that announce calendar changes

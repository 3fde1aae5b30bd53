"""App config for letters from the public (局长信箱, 咨询建议)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "interaction.letters"
    label = "letters"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Letters from the public")

    def ready(self) -> None:
        from . import recount  # noqa: F401 - recounts open deadlines when the working-day calendar changes

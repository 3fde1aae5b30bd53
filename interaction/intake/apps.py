"""App config for the intake the public forms share (no models: forms, limits, codes, contact matching, routes)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "interaction.intake"
    label = "intake"
    verbose_name = _("Public form intake")

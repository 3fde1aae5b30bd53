"""App config for the intake the public forms share (no models: forms, limits, codes, contact matching, routes)."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "interaction.intake"
    label = "intake"

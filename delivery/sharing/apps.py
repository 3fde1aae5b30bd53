"""App config of the share cards."""

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "delivery.sharing"
    label = "sharing"
    verbose_name = "Sharing"

"""Django app configuration of the site backups."""

from django.apps import AppConfig


class BackupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "govcms.backups"
    label = "backups"
    verbose_name = "Backups"

"""App config for the editorial workflow."""

from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    verbose_name = "编辑审核"
    label = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

"""App config of the applicant units."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "govcms.units"
    label = "units"
    verbose_name = _("Applicant units")
    default_auto_field = "django.db.models.BigAutoField"

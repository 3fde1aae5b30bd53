"""网页归档 (web archive): every published version of every page kept as WARC records (DA/T 80-2019)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "delivery.archive"
    label = "webarchive"
    verbose_name = _("Web archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (queues every publication)

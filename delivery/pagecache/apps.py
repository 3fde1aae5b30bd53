"""App config: connects the invalidation signals when Django starts."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "delivery.pagecache"
    label = "pagecache"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from . import signals  # noqa: F401

"""App config of the page cache; what invalidates it is the content generation (cms/core/changes.py)."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "delivery.pagecache"
    label = "pagecache"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Page cache"

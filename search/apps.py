"""App configuration for site search: connects the receivers that keep the index in step with the pages."""

from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signals  # noqa: F401  (imports models: only once the app registry is ready)

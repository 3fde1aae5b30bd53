"""App config: connects the signals that refresh cached feeds when pages change."""
from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = "Feeds"

    def ready(self) -> None:
        from feeds import cache

        cache.connect_signals()

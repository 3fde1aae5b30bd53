"""App config: connects the signals that refresh cached feeds when pages change."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "delivery.feeds"
    label = "feeds"
    verbose_name = "Feeds"

    def ready(self) -> None:
        from delivery.feeds import cache

        cache.connect_signals()

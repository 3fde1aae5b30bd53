"""App config of the feeds; their cache follows the content generation (cms/core/changes.py), no signals of its own."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "delivery.feeds"
    label = "feeds"
    verbose_name = "Feeds"

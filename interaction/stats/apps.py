"""App configuration for cms.interaction: the 政民互动 section's statistics page."""

from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "interaction.stats"
    label = "interaction"
    verbose_name = "政民互动"

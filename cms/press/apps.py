"""App configuration for cms.press."""

from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "cms.press"
    label = "press"
    verbose_name = "新闻发布会"

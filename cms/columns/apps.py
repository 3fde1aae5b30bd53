"""App configuration for cms.columns."""

from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "cms.columns"
    label = "columns"
    verbose_name = "专题专栏"

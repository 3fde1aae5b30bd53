"""App configuration for cms.datasets: open data (数据开放) — datasets, their schema, releases and rows."""

from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "cms.datasets"
    label = "datasets"
    verbose_name = "数据开放"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.datasets import catalogue, views
        from cms.datasets.models import HANDLERS

        HANDLERS.update(catalogue=catalogue.catalogue_context, dataset=views.serve_dataset, download=views.serve_download)

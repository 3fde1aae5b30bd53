"""App configuration for site search."""
from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"

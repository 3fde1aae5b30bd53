"""App configuration for delivery.data: the data API (/api/data/…), the DCAT catalogue, the push API for business
systems and the feed of new releases."""

from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "delivery.data"
    label = "opendata"
    verbose_name = "数据接口"

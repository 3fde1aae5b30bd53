"""URLs of the data API (under /api/data/) and of the feed of new releases (under /feeds/data/)."""

from django.urls import path

from delivery.data import api, catalog, push

urlpatterns = [
    path("datasets/", api.datasets, name="data_datasets"),
    path("datasets/<slug:slug>/", api.dataset, name="data_dataset"),
    path("datasets/<slug:slug>/rows/", api.rows, name="data_rows"),
    path("datasets/<slug:slug>/releases/", push.push_release, name="data_push"),
    path("catalog.jsonld", catalog.catalog, name="data_catalog"),
]

"""The business systems' API under /api/services/ (api.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cases/", api.case_list, name="services_api_cases"),
    path("cases/<int:pk>/", api.case_detail, name="services_api_case"),
    path("cases/<int:pk>/status/", api.case_status, name="services_api_status"),
]

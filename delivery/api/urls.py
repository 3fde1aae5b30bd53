"""URLs of the headless API: /api/v2/… endpoints, the OpenAPI description and its documentation page."""

from django.urls import path, re_path

from delivery.api import docs
from delivery.api.api import api_router
from delivery.api.views import unknown_address

urlpatterns = [
    path("v2/", api_router.urls),
    path("schema/", docs.openapi, name="headless_schema"),
    path("docs/", docs.documentation, name="headless_docs"),
    re_path(r"^", unknown_address),  # last: any other address under /api/ is a JSON 404
]

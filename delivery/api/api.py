"""The API router: /api/v2/pages/, /api/v2/images/, /api/v2/documents/."""

from wagtail.api.v2.router import WagtailAPIRouter

from delivery.api.views import HeadlessDocumentsAPIViewSet, HeadlessImagesAPIViewSet, HeadlessPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", HeadlessPagesAPIViewSet)
api_router.register_endpoint("images", HeadlessImagesAPIViewSet)
api_router.register_endpoint("documents", HeadlessDocumentsAPIViewSet)

"""The API v2 endpoints: pages with catalogue filters and previews, images, documents; errors, caching, throttling."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import path
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from delivery.api import caching, preview
from delivery.api.filters import CATALOGUE_PARAMS, CatalogueFilterBackend, FieldsFilterBackend, SiteSearchFilter
from delivery.api.throttling import AnonymousAPIThrottle

# Quotes, statement separators and comments have no place in a filter value (the ORM would be safe, but a
# client sending them is probing; say so). Free text (?search=) is exempt.
SUSPICIOUS = re.compile(r"""['";\x00]|--|/\*|\*/""")
FREE_TEXT = {"search"}


class HeadlessAPIMixin:
    """What every endpoint shares: strict parameters, JSON errors, ETag/Cache-Control, anonymous throttling."""

    throttle_classes = [AnonymousAPIThrottle]

    def check_query_parameters(self, queryset):
        for name, value in self.request.GET.items():
            if name not in FREE_TEXT and SUSPICIOUS.search(value):
                raise BadRequestError(f"{name}: the value contains characters not allowed in a filter")
        if "limit" in self.request.GET:
            limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
            raw = self.request.GET["limit"]
            if not raw.isdigit() or int(raw) < 1:
                raise BadRequestError(f"limit must be a positive integer (at most {limit_max})")
            if int(raw) > limit_max:
                raise BadRequestError(f"limit cannot be higher than {limit_max}")
        if "offset" in self.request.GET and not self.request.GET["offset"].isdigit():
            raise BadRequestError("offset must be a non-negative integer")
        super().check_query_parameters(queryset)

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            wait = int(exc.wait or 1) + (0 if (exc.wait or 1) == int(exc.wait or 1) else 1)
            response = Response(
                {"message": f"too many requests: try again in {wait} seconds"}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
            response["Retry-After"] = str(wait)
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return caching.conditional(request, response)


class HeadlessPagesAPIViewSet(HeadlessAPIMixin, PagesAPIViewSet):
    """Pages, with the catalogue filters, site search and draft previews by signed token."""

    filter_backends = [
        CatalogueFilterBackend,
        FieldsFilterBackend,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SiteSearchFilter,  # last: it orders by relevance
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(CATALOGUE_PARAMS)

    def preview_view(self, request):
        try:
            draft = preview.read_token(request.GET.get("token", ""))
        except preview.PreviewTokenError as exc:
            return Response({"message": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        self.action = "detail_view"
        self.kwargs = {"pk": draft.page.pk}
        self._cached_object = draft.page
        serializer = self.get_serializer(draft.page)
        data = dict(serializer.data)
        data["meta"] = {**data.get("meta", {}), "preview": True, "revision_id": draft.revision_id}
        response = Response(data)
        response["Cache-Control"] = "private, no-store"
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(self, "action", None) == "detail_view" and "token" in request.GET:
            response = super(HeadlessAPIMixin, self).finalize_response(request, response, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response
        return super().finalize_response(request, response, *args, **kwargs)

    def check_query_parameters(self, queryset):
        if self.request.GET.get("type") and self.request.GET["type"].count(".") != 1:
            raise BadRequestError("type must be written app_label.ModelName, e.g. policy.PolicyPage")
        super().check_query_parameters(queryset)

    @classmethod
    def get_urlpatterns(cls):
        return [path("preview/", cls.as_view({"get": "preview_view"}), name="preview")] + super().get_urlpatterns()


class HeadlessImagesAPIViewSet(HeadlessAPIMixin, ImagesAPIViewSet):
    """Images: title, size, tags and renditions as Wagtail serves them."""


class HeadlessDocumentsAPIViewSet(HeadlessAPIMixin, DocumentsAPIViewSet):
    """Documents: title, tags and download URL."""

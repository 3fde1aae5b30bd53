"""The API v2 endpoints: pages with catalogue filters and previews, images, documents; errors, caching, throttling."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import path
from rest_framework import status
from rest_framework.exceptions import APIException, Throttled
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    FieldsFilter,
    LocaleFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from delivery.api import caching, preview
from delivery.api.filters import (
    CATALOGUE_PARAMS,
    ID_MAX,
    CatalogueFilterBackend,
    CombinableDescendantOfFilter,
    FieldsFilterBackend,
    OrderingWithOffsetFilter,
    SafeSearchFilter,
    SiteSearchFilter,
)
from delivery.api.throttling import AnonymousAPIThrottle

# Quotes, statement separators and comments have no place in a filter value (the ORM would be safe, but a
# client sending them is probing; say so). Free text (?search=) is exempt.
SUSPICIOUS = re.compile(r"""['";\x00]|--|/\*|\*/""")
FREE_TEXT = {"search", "_"}  # "_" is jQuery's cache-buster: any value, ignored
PAGE_ID_PARAMS = ("child_of", "descendant_of", "ancestor_of", "translation_of")
# Wagtail's filters answer 400 when a well-formed id names no page: the request is right, the page is not there.
MISSING = {
    "parent page doesn't exist",
    "descendant page doesn't exist",
    "ancestor page doesn't exist",
    "translation_of page doesn't exist",
}


def _positive_id(name: str, raw: str, root: bool = False) -> None:
    """400 unless `raw` is a page/object id the database can hold (or "root" where allowed)."""
    if root and raw == "root":
        return
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= ID_MAX:
        extra = ' or "root"' if root else ""
        raise BadRequestError(f"{name} must be a positive integer (at most {ID_MAX}){extra}")


def unknown_address(request, *args, **kwargs):
    """A JSON 404 for every address under /api/ that names no endpoint (e.g. /api/v2/pages/abc/)."""
    return JsonResponse({"message": f"no API endpoint at {request.path[:200]}"}, status=404)


class HeadlessAPIMixin:
    """What every endpoint shares: strict parameters, JSON errors, ETag/Cache-Control, anonymous throttling."""

    throttle_classes = [AnonymousAPIThrottle]

    def check_query_parameters(self, queryset):
        for name, value in self.request.GET.items():
            if name not in FREE_TEXT and SUSPICIOUS.search(value):
                raise BadRequestError(f"{name}: the value contains characters not allowed in a filter")
        self.check_fields_parameter()
        if "limit" in self.request.GET:
            limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
            raw = self.request.GET["limit"]
            if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
                raise BadRequestError(f"limit must be a positive integer (at most {limit_max})")
            if int(raw) > limit_max:
                raise BadRequestError(f"limit cannot be higher than {limit_max}")
        if "offset" in self.request.GET:
            raw = self.request.GET["offset"]
            if not raw.isascii() or not raw.isdigit() or int(raw) > ID_MAX:
                raise BadRequestError(f"offset must be a non-negative integer (at most {ID_MAX})")
        if self.request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be and or or")
        super().check_query_parameters(queryset)

    def check_fields_parameter(self):
        if self.request.GET.get("fields", None) == "":
            raise BadRequestError("fields must name at least one field (or *)")

    def detail_view(self, request, pk):
        if int(pk) > ID_MAX:
            raise Http404("not found")
        self.check_fields_parameter()
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            _positive_id("id", request.GET["id"])
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError) and str(exc) in MISSING:
            return Response({"message": str(exc)}, status=status.HTTP_404_NOT_FOUND)
        if isinstance(exc, APIException) and not isinstance(exc, Throttled):  # 405, 406 …: the same JSON shape
            response = super().handle_exception(exc)
            response.data = {"message": str(exc.detail)}
            return response
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
        CombinableDescendantOfFilter,
        OrderingWithOffsetFilter,
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
        for name in PAGE_ID_PARAMS:
            if name in self.request.GET:
                _positive_id(name, self.request.GET[name], root=name in ("child_of", "descendant_of"))
        super().check_query_parameters(queryset)

    def find_object(self, queryset, request):
        if "\x00" in request.GET.get("html_path", ""):  # no page has such a path (and PostgreSQL refuses NUL)
            return None
        return super().find_object(queryset, request)

    @classmethod
    def get_urlpatterns(cls):
        return [path("preview/", cls.as_view({"get": "preview_view"}), name="preview")] + super().get_urlpatterns()


class HeadlessImagesAPIViewSet(HeadlessAPIMixin, ImagesAPIViewSet):
    """Images: title, size, tags and renditions as Wagtail serves them."""

    filter_backends = [FieldsFilter, OrderingWithOffsetFilter, SafeSearchFilter]


class HeadlessDocumentsAPIViewSet(HeadlessAPIMixin, DocumentsAPIViewSet):
    """Documents: title, tags and download URL."""

    filter_backends = [FieldsFilter, OrderingWithOffsetFilter, SafeSearchFilter]

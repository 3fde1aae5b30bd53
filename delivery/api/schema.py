"""The OpenAPI 3 description of the API, generated from the registered endpoints and the page models' api_fields."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import get_page_models

from delivery.api.api import api_router
from delivery.api.filters import CATALOGUE_PARAMS

ERROR = {"$ref": "#/components/schemas/Error"}


def parameter_descriptions() -> dict[str, tuple[str, dict, str]]:
    """name → (description, JSON schema, example) for every query parameter an endpoint knows."""
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    text, integer = {"type": "string"}, {"type": "integer", "minimum": 0}
    date = {"type": "string", "format": "date"}
    return {
        "type": (
            _("Page type, app_label.ModelName; unlocks that type's fields for fields= and filters"),
            text,
            "policy.PolicyPage",
        ),
        "fields": (_("Comma-separated fields to add; * for all, -name to drop one"), text, "organ,publication_date"),
        "limit": (
            _("Items per response, at most %(max)s") % {"max": limit_max},
            {"type": "integer", "minimum": 1, "maximum": limit_max},
            "20",
        ),
        "offset": (_("Number of items to skip"), integer, "0"),
        "order": (_("Field to order by; -field for descending; random"), text, "-publication_date"),
        "search": (_("Full-text search with Chinese word segmentation; results in relevance order"), text, "公务用车"),
        "search_operator": (_("and or or (accepted for compatibility)"), text, "and"),
        "child_of": (_("Only children of this page id (or root)"), text, "3"),
        "ancestor_of": (_("Only ancestors of this page id"), integer, "12"),
        "descendant_of": (_("Only descendants of this page id (or root)"), text, "3"),
        "translation_of": (_("Only translations of this page id"), integer, "3"),
        "locale": (_("Only pages in this locale"), text, "zh-hans"),
        "site": (_("Hostname of the site to list"), text, "localhost"),
        "category": (_("Catalogue category id or slug: items in it and its sub-categories"), text, "zcwj"),
        "organ": (_("Issuing organ code"), text, "11430000006220052X"),
        "topic": (_("Topic slug"), text, "jgsw"),
        "genre": (_("Genre slug"), text, "tz"),
        "year": (_("Year of publication"), {"type": "integer", "minimum": 1900, "maximum": 2999}, "2024"),
        "validity": (
            _("Validity as of today: valid, expired or repealed"),
            {"type": "string", "enum": ["valid", "expired", "repealed"]},
            "valid",
        ),
        "published_after": (_("Published on or after this date, YYYY-MM-DD"), date, "2024-01-01"),
        "published_before": (_("Published on or before this date, YYYY-MM-DD"), date, "2024-12-31"),
        "title": (_("Exact title"), text, ""),
        "tags": (_("Comma-separated tags"), text, ""),
        "rich_text_format": (_("Rich text format: html (default here), db_html, markdown, db_markdown"), text, "html"),
        "html_path": (_("Path of a page on the public site (find endpoint)"), text, "/xxgk/"),
        "id": (_("Object id (find endpoint)"), integer, "3"),
        "token": (_("Signed preview token given in the admin"), text, ""),
    }


def _parameter(name: str) -> dict:
    description, schema, example = parameter_descriptions().get(name, (name, {"type": "string"}, ""))
    parameter = {"name": name, "in": "query", "required": name == "token", "description": description, "schema": schema}
    if example:
        parameter["example"] = int(example) if schema.get("type") == "integer" else example
    return parameter


def _field_schema(model, api_field) -> dict:
    if api_field.serializer is not None:
        many = getattr(api_field.serializer, "many", False)
        item = {"type": "object", "description": type(getattr(api_field.serializer, "child", api_field.serializer)).__name__}
        return {"type": "array", "items": item} if many else item
    try:
        field = model._meta.get_field(api_field.name)
    except Exception:
        return {"type": "string"}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return {"type": "integer"}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date"}
    if type(field).__name__ == "StreamField":
        return {
            "type": "array",
            "items": {"type": "object", "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}}},
        }
    if field.choices:
        return {"type": "string", "enum": [value for value, _label in field.choices]}
    return {"type": "string"}


def page_type_schemas() -> dict[str, dict]:
    schemas = {}
    for model in get_page_models():
        if model._meta.abstract or not getattr(model, "api_fields", None):
            continue
        properties = {"id": {"type": "integer"}, "title": {"type": "string"}, "meta": {"$ref": "#/components/schemas/PageMeta"}}
        for field in model.api_fields:
            properties[field.name] = _field_schema(model, field)
            verbose = getattr(_safe_field(model, field.name), "verbose_name", None)
            if verbose:
                properties[field.name]["description"] = str(verbose)
        schemas[f"{model._meta.app_label}.{model.__name__}"] = {
            "type": "object",
            "title": str(model._meta.verbose_name),
            "properties": properties,
        }
    return schemas


def _safe_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _responses(item_schema: dict, listing: bool) -> dict:
    ok = (
        {
            "type": "object",
            "properties": {
                "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
                "items": {"type": "array", "items": item_schema},
            },
        }
        if listing
        else item_schema
    )
    return {
        "200": {"description": _("Success"), "content": {"application/json": {"schema": ok}}},
        "304": {"description": _("Not modified (If-None-Match / If-Modified-Since matched)")},
        "400": {
            "description": _("Bad request: unknown parameter or bad value"),
            "content": {"application/json": {"schema": ERROR, "example": {"message": "limit cannot be higher than 100"}}},
        },
        "404": {"description": _("Not found"), "content": {"application/json": {"schema": ERROR}}},
        "429": {
            "description": _("Too many requests; see the Retry-After header"),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": ERROR}},
        },
    }


def build(base_url: str = "") -> dict:
    """The OpenAPI 3.0.3 document for every endpoint registered on the API router."""
    page_types = page_type_schemas()
    paths: dict[str, dict] = {}
    for name, viewset in api_router._endpoints.items():
        prefix = f"/api/v2/{name}/"
        listing_params = sorted(set(viewset.known_query_parameters) - {"format"})
        is_pages = name == "pages"
        item = (
            {"oneOf": [{"$ref": f"#/components/schemas/{key}"} for key in page_types]}
            if is_pages
            else {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "meta": {"type": "object"}},
            }
        )
        paths[prefix] = {
            "get": {
                "operationId": f"list_{name}",
                "tags": [name],
                "summary": _("List %(name)s") % {"name": name},
                "description": (
                    _("Catalogue filters (%(filters)s) restrict the list to disclosure items.")
                    % {"filters": ", ".join(CATALOGUE_PARAMS)}
                )
                if is_pages
                else "",
                "parameters": [_parameter(p) for p in listing_params],
                "responses": _responses(item, listing=True),
            }
        }
        paths[prefix + "{id}/"] = {
            "get": {
                "operationId": f"get_{name}",
                "tags": [name],
                "summary": _("One of %(name)s by id") % {"name": name},
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
                + [_parameter(p) for p in ("fields", "rich_text_format") if p in viewset.known_query_parameters],
                "responses": _responses(item, listing=False),
            }
        }
        paths[prefix + "find/"] = {
            "get": {
                "operationId": f"find_{name}",
                "tags": [name],
                "summary": _("Find one of %(name)s; redirects to it") % {"name": name},
                "parameters": [_parameter(p) for p in sorted(viewset.find_query_parameters)],
                "responses": {
                    "302": {"description": _("Redirect to the object's detail URL")},
                    "404": {"description": _("Not found"), "content": {"application/json": {"schema": ERROR}}},
                },
            }
        }
        if is_pages:
            paths[prefix + "preview/"] = {
                "get": {
                    "operationId": "preview_page",
                    "tags": [name],
                    "summary": _("Latest draft of a page, by a signed preview token"),
                    "parameters": [_parameter("token")],
                    "responses": {
                        "200": {"description": _("The draft"), "content": {"application/json": {"schema": item}}},
                        "403": {
                            "description": _("Forged, tampered or expired token"),
                            "content": {"application/json": {"schema": ERROR}},
                        },
                    },
                }
            }
    # Other apps' APIs (the business systems' case API …) through the hook register_openapi_paths: each returns
    # {"paths": …, "schemas": …, "security_schemes": …}.
    extra_schemas: dict[str, dict] = {}
    security_schemes: dict[str, dict] = {}
    for fn in hooks.get_hooks("register_openapi_paths"):
        part = fn()
        paths.update(part.get("paths", {}))
        extra_schemas.update(part.get("schemas", {}))
        security_schemes.update(part.get("security_schemes", {}))
    components: dict[str, dict] = {}
    if security_schemes:
        components["securitySchemes"] = security_schemes
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Government website headless API"),
            "version": "2",
            "description": _(
                "Read-only access to published pages, images and documents. Errors are JSON "
                "objects with a message. Anonymous clients are rate-limited."
            ),
        },
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
                "PageMeta": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "detail_url": {"type": "string"},
                        "html_url": {"type": "string"},
                        "slug": {"type": "string"},
                        "first_published_at": {"type": "string", "format": "date-time"},
                    },
                },
                **page_types,
                **extra_schemas,
            },
            **components,
        },
    }

"""The OpenAPI 3 description of the API, generated from the registered endpoints and the page models' api_fields."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, get_page_models

from delivery.api.api import api_router
from delivery.api.filters import CATALOGUE_PARAMS, ID_MAX, YEARS

ERROR = {"$ref": "#/components/schemas/Error"}


def _throttled() -> dict:
    return {
        "description": _("Too many requests; see the Retry-After header"),
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        "content": {"application/json": {"schema": ERROR}},
    }


def _page_type_labels() -> list[str]:
    return sorted(f"{m._meta.app_label}.{m.__name__}" for m in get_page_models() if not m._meta.abstract)


def _field_names(viewset, model) -> tuple[list[str], list[str]]:
    """The names ?fields= accepts for the endpoint's base model, and those ?order= accepts."""
    fields = sorted(set(viewset.get_available_fields(model)))
    ordering = sorted(set(viewset.get_available_fields(model, db_fields_only=True)))
    removable = [f"-{name}" for name in viewset.listing_default_fields if name != "id"]
    return ["*", *fields, *removable], [*ordering, *(f"-{name}" for name in ordering), "random"]


def parameter_descriptions(viewset=None, is_pages: bool = True) -> dict[str, tuple[str, dict, str]]:
    """name → (description, JSON schema, example) for every query parameter an endpoint knows. The schemas say
    exactly what the endpoint accepts: a value they allow is answered (200, or 404 when a well-formed id, slug
    or code names nothing), a value they forbid gets 400."""
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    text = {"type": "string"}
    page_id = {"type": "integer", "minimum": 1, "maximum": ID_MAX}
    page_or_root = {"oneOf": [page_id, {"type": "string", "enum": ["root"]}]}
    slug = {"type": "string", "pattern": r"^[-\w]{1,255}$"}
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if viewset is not None:
        model = Page if is_pages else viewset.model
        field_names, order_names = _field_names(viewset, model)
    else:
        field_names, order_names = ["*"], ["random"]
    return {
        "type": (
            _("Page type, app_label.ModelName; unlocks that type's fields for fields= and filters"),
            {"type": "string", "enum": _page_type_labels()},
            "policy.PolicyPage",
        ),
        "fields": (
            _(
                "Fields to add (comma-separated; * for all, -name to drop one, name(sub) for nested ones); "
                "with type= that type's fields too"
            ),
            {"type": "string", "enum": field_names},
            "*",
        ),
        "limit": (
            _("Items per response, at most %(max)s") % {"max": limit_max},
            {"type": "integer", "minimum": 1, "maximum": limit_max},
            "20",
        ),
        "offset": (_("Number of items to skip"), {"type": "integer", "minimum": 0, "maximum": ID_MAX}, "0"),
        "order": (
            _("Field to order by; -field for descending; random; several comma-separated; with type= that type's fields"),
            {"type": "string", "enum": order_names},
            "-first_published_at" if is_pages else "title",
        ),
        "search": (_("Full-text search with Chinese word segmentation; results in relevance order"), text, "公务用车"),
        "search_operator": (
            _("and (every word) or or (any word)"),
            {"type": "string", "enum": ["and", "or"]},
            "and",
        ),
        "_": (_("Ignored (a cache-buster some clients add)"), text, ""),
        "child_of": (_("Only children of this page id (or root)"), page_or_root, "3"),
        "ancestor_of": (_("Only ancestors of this page id"), page_id, "12"),
        "descendant_of": (_("Only descendants of this page id (or root)"), page_or_root, "3"),
        "translation_of": (_("Only translations of this page id"), page_id, "3"),
        "locale": (_("Only pages in this locale"), {"type": "string", "pattern": r"^[A-Za-z0-9-]{1,100}$"}, "zh-hans"),
        "site": (_("Hostname of the site to list"), {"type": "string", "pattern": r"^[A-Za-z0-9.-]{1,255}$"}, ""),
        "category": (_("Catalogue category id or slug: items in it and its sub-categories"), slug, "zcwj"),
        "organ": (_("Issuing organ code"), slug, "11430000006220052X"),
        "topic": (_("Topic slug"), slug, "jgsw"),
        "genre": (_("Genre slug"), slug, "tz"),
        "year": (_("Year of publication"), {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]}, "2024"),
        "validity": (
            _("Validity as of today: valid, expired or repealed"),
            {"type": "string", "enum": ["valid", "expired", "repealed"]},
            "valid",
        ),
        "published_after": (_("Published on or after this date, YYYY-MM-DD"), date, "2024-01-01"),
        "published_before": (_("Published on or before this date, YYYY-MM-DD"), date, "2024-12-31"),
        "rich_text_format": (
            _("Rich text format: html (default here), db_html, markdown, db_markdown"),
            {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
            "html",
        ),
        "html_path": (_("Path of a page on the public site (find endpoint)"), text, "/xxgk/"),
        "id": (_("Object id (find endpoint)"), page_id, "3"),
        "token": (_("Signed preview token given in the admin"), text, ""),
    }


def _parameter(name: str, viewset=None, is_pages: bool = True) -> dict:
    descriptions = parameter_descriptions(viewset, is_pages)
    description, schema, example = descriptions.get(name, (name, {"type": "string"}, ""))
    parameter = {"name": name, "in": "query", "required": name == "token", "description": description, "schema": schema}
    if example:
        parameter["example"] = int(example) if schema.get("type") == "integer" or "oneOf" in schema else example
    return parameter


def _field_schema(model, api_field) -> dict:
    """The JSON schema of one api_field; fields the database lets be empty are nullable."""
    if api_field.serializer is not None:
        many = getattr(api_field.serializer, "many", False)
        item = {"type": "object", "description": type(getattr(api_field.serializer, "child", api_field.serializer)).__name__}
        return {"type": "array", "items": item} if many else {**item, "nullable": True}
    try:
        field = model._meta.get_field(api_field.name)
    except Exception:
        return {}  # a property or method: whatever it gives
    nullable = {"nullable": True} if getattr(field, "null", False) else {}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean", **nullable}
    if isinstance(field, models.JSONField):  # e.g. an annual report's figures: {key: count or amount}
        return {"type": "object", "additionalProperties": {"oneOf": [{"type": "integer"}, {"type": "string"}]}, **nullable}
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return {"type": "integer", **nullable}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time", **nullable}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date", **nullable}
    if type(field).__name__ == "StreamField":
        return {
            "type": "array",
            "items": {"type": "object", "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}}},
        }
    if field.is_relation:
        return {}
    if field.choices:
        values = [value for value, _label in field.choices]
        return {"type": "string", "enum": values + ([""] if field.blank and "" not in values else []), **nullable}
    return {"type": "string", **nullable}


def page_type_schemas() -> dict[str, dict]:
    """One schema per page type; meta.type names the type, so an answer matches exactly one of them."""
    schemas = {}
    for model in get_page_models():
        if model._meta.abstract:
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        meta = {"allOf": [{"$ref": "#/components/schemas/PageMeta"}, {"properties": {"type": {"enum": [label]}}}]}
        properties = {"id": {"type": "integer"}, "title": {"type": "string"}, "meta": meta}
        for field in getattr(model, "api_fields", None) or []:
            properties[field.name] = _field_schema(model, field)
            verbose = getattr(_safe_field(model, field.name), "verbose_name", None)
            if verbose:
                properties[field.name]["description"] = str(verbose)
        schemas[label] = {
            "type": "object",
            "title": str(model._meta.verbose_name),
            "required": ["id", "meta"],
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
        "404": {
            "description": _(
                "Not found: no object with this id, or a well-formed filter value (category, organ, topic, genre, "
                "page id, locale, site) that names nothing"
            ),
            "content": {"application/json": {"schema": ERROR}},
        },
        "429": _throttled(),
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
                "parameters": [_parameter(p, viewset, is_pages) for p in listing_params],
                "responses": _responses(item, listing=True),
            }
        }
        paths[prefix + "{id}/"] = {
            "get": {
                "operationId": f"get_{name}",
                "tags": [name],
                "summary": _("One of %(name)s by id") % {"name": name},
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}}
                ]
                + [
                    _parameter(p, viewset, is_pages)
                    for p in ("fields", "rich_text_format")
                    if p in viewset.known_query_parameters
                ],
                "responses": _responses(item, listing=False),
            }
        }
        paths[prefix + "find/"] = {
            "get": {
                "operationId": f"find_{name}",
                "tags": [name],
                "summary": _("Find one of %(name)s; redirects to it") % {"name": name},
                "parameters": [_parameter(p, viewset, is_pages) for p in sorted(viewset.find_query_parameters)],
                "responses": {
                    "302": {
                        "description": _("Redirect to the object's detail URL"),
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    "400": {"description": _("Bad request: a malformed id"), "content": {"application/json": {"schema": ERROR}}},
                    "404": {"description": _("Not found"), "content": {"application/json": {"schema": ERROR}}},
                    "429": _throttled(),
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
                            "description": _("Missing, forged, tampered or expired token"),
                            "content": {"application/json": {"schema": ERROR}},
                        },
                        "429": _throttled(),
                    },
                }
            }
    # Other apps' APIs (the business systems' case API, the data API …) through the hook register_openapi_paths: each returns
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
                        "first_published_at": {"type": "string", "format": "date-time", "nullable": True},
                    },
                },
                **page_types,
                **extra_schemas,
            },
            **components,
        },
    }

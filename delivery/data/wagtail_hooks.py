"""The data API's scopes for business systems, and its paths in the OpenAPI description (/api/schema/)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

ERROR = {"$ref": "#/components/schemas/Error"}


@hooks.register("register_integration_scopes")
def scopes():
    return [
        ("data.releases", gettext_lazy("Push dataset releases (数据开放)")),
        ("data.read", gettext_lazy("Read shared (共享) datasets granted to the system")),
    ]


def _param(name, description, schema=None, where="query", required=False):
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema or {"type": "string"}}


def _errors(*codes) -> dict:
    labels = {
        "304": _("Not modified (If-None-Match matched the ETag)"),
        "400": _("Bad request: unknown column, operator or bad value"),
        "401": _("A business system's token is missing, unknown or revoked"),
        "403": _("Not granted"),
        "404": _("No such dataset or release"),
        "413": _("The file is too large"),
        "422": _("The file was refused: a list of row, column and reason"),
        "429": _("Too many requests; see the Retry-After header"),
    }
    return {
        code: {"description": labels[code]}
        if code == "304"
        else {"description": labels[code], "content": {"application/json": {"schema": ERROR}}}
        for code in codes
    }


@hooks.register("register_openapi_paths")
def openapi_paths():
    slug = _param("slug", _("The dataset's slug"), where="path", required=True)
    obj = {"type": "object"}
    ok = {"200": {"description": _("Success"), "content": {"application/json": {"schema": obj}}}}
    return {
        "paths": {  # the hook register_openapi_paths: {"paths": …, "schemas": …, "security_schemes": …}
            "/api/data/datasets/": {
                "get": {
                    "operationId": "list_datasets",
                    "tags": ["data"],
                    "summary": _("List the datasets you may read"),
                    "description": _(
                        "Open datasets for everyone; shared ones for granted units (signed in) and systems (Bearer token)."
                    ),
                    "parameters": [],
                    "responses": {**ok, **_errors("304", "401", "403", "429")},
                }
            },
            "/api/data/datasets/{slug}/": {
                "get": {
                    "operationId": "get_dataset",
                    "tags": ["data"],
                    "summary": _("A dataset's metadata, columns and releases"),
                    "parameters": [slug],
                    "responses": {**ok, **_errors("304", "401", "403", "404", "429")},
                }
            },
            "/api/data/datasets/{slug}/rows/": {
                "get": {
                    "operationId": "get_dataset_rows",
                    "tags": ["data"],
                    "summary": _("Rows of a release, filtered, sorted and paged"),
                    "description": _(
                        "Filter on any column: column=value (repeat for several values), column__gte, column__lte, column__gt, "
                        "column__lt for numbers and dates, column__contains for text. Example: "
                        "/api/data/datasets/ggjg-nh/rows/?unit=省财政厅&year__gte=2020&sort=-total_kgce&fields=unit,year,total_kgce"
                    ),
                    "parameters": [
                        slug,
                        _param("release", _("Release key; default the latest")),
                        _param("sort", _("Comma-separated columns, -column for descending"), {"type": "string"}),
                        _param("fields", _("Comma-separated columns to return")),
                        _param(
                            "limit", _("Rows per answer, 1–1000 (default 50)"), {"type": "integer", "minimum": 1, "maximum": 1000}
                        ),
                        _param("offset", _("Rows to skip"), {"type": "integer", "minimum": 0, "maximum": 10000000}),
                    ],
                    "responses": {**ok, **_errors("304", "400", "401", "403", "404", "429")},
                }
            },
            "/api/data/datasets/{slug}/releases/": {
                "post": {
                    "operationId": "push_release",
                    "tags": ["data"],
                    "summary": _("Push a release (business systems, scope data.releases); idempotent by key"),
                    "parameters": [slug],
                    "description": _("Authorization: Bearer <token> of the dataset's source system."),
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["key", "date", "rows"],
                                    "properties": {
                                        "key": {"type": "string"},
                                        "date": {"type": "string", "format": "date"},
                                        "note": {"type": "string"},
                                        "rows": {"type": "array", "items": obj},
                                    },
                                }
                            },
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["key", "date", "file"],
                                    "properties": {
                                        "key": {"type": "string"},
                                        "date": {"type": "string", "format": "date"},
                                        "note": {"type": "string"},
                                        "file": {"type": "string", "format": "binary"},
                                    },
                                }
                            },
                        }
                    },
                    "responses": {
                        "200": {"description": _("Already published under this key; nothing changed")},
                        "201": {"description": _("Imported and published")},
                        **_errors("400", "401", "403", "404", "413", "422"),
                    },
                }
            },
            "/api/data/catalog.jsonld": {
                "get": {
                    "operationId": "data_catalog",
                    "tags": ["data"],
                    "summary": _("DCAT catalogue of the open datasets (JSON-LD)"),
                    "parameters": [],
                    "responses": {
                        "200": {"description": _("The catalogue"), "content": {"application/ld+json": {"schema": obj}}},
                        **_errors("429"),
                    },
                }
            },
        }
    }

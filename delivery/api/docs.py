"""Views of the API description: OpenAPI JSON at /api/schema/ and a readable page at /api/docs/."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from delivery.api import schema


def openapi(request):
    return JsonResponse(schema.build(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False})


def documentation(request):
    description = schema.build(request.build_absolute_uri("/"))
    endpoints = [
        {"path": path, "method": method.upper(), **operation}
        for path, operations in description["paths"].items()
        for method, operation in operations.items()
    ]
    page_types = [{"key": key, **value} for key, value in description["components"]["schemas"].items() if "." in key]
    for page_type in page_types:
        page_type["fields"] = [
            {"name": name, "type": spec.get("type") or "object", "description": spec.get("description", "")}
            for name, spec in page_type["properties"].items()
        ]
    base = request.build_absolute_uri("/api/v2/")
    return render(
        request,
        "headless/docs.html",
        {
            "info": description["info"],
            "endpoints": endpoints,
            "page_types": page_types,
            "base": base,
        },
    )

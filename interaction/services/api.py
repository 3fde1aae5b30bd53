"""The business systems' API (办公用房管理系统, 能耗统计系统): read cases and push a status change, with a token of
scope `services.cases` (govcms.integrations: 401/403 as JSON, every call logged). Answers never hold the contact
person's telephone or e-mail."""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govcms.integrations.access import system_api

from . import workflow
from .models import Application

SCOPE = "services.cases"
ACTIONS = ("accept", "correction", "refuse", "decide")


def answer(data: dict, status: int = 200) -> JsonResponse:
    """JSON with Chinese as it is written (not as \\u escapes)."""
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(reason: str, status: int = 400) -> JsonResponse:
    return answer({"error": reason}, status=status)


def serialise(app: Application, history: bool = False) -> dict:
    data = {
        "id": app.pk,
        "tracking_code": app.tracking_code,
        "service": app.service_name,
        "service_id": app.service_id,
        "form": app.form_kind,
        "unit": app.unit.name if app.unit_id else None,
        "title": app.title,
        "status": app.status,
        "outcome": app.outcome or None,
        "details": app.details,
        "submitted_at": app.submitted_at.isoformat() if app.submitted_at else None,
        "accepted_on": app.accepted_on.isoformat() if app.accepted_on else None,
        "deadline": app.deadline.isoformat() if app.deadline else None,
        "decided_on": app.decided_on.isoformat() if app.decided_on else None,
        "document_number": app.document_number or None,
        "updated_at": app.updated_at.isoformat(),
    }
    if history:
        data["history"] = [{"at": e.at.isoformat(), "action": e.action, "text": e.public_text} for e in app.events.all()]
    return data


def cases_queryset():
    return Application.objects.exclude(status=Application.Status.DRAFT).select_related("unit").order_by("-updated_at", "-pk")


@require_http_methods(["GET"])
@system_api(SCOPE)
def case_list(request):
    cases = cases_queryset()
    status = request.GET.get("status")
    if status:
        if status not in Application.Status.values or status == "draft":
            return error(_("Unknown status “%(status)s”.") % {"status": status})
        cases = cases.filter(status=status)
    form = request.GET.get("form")
    if form:
        cases = cases.filter(form_kind=form)
    since = request.GET.get("updated_since")
    if since:
        when = parse_datetime(since)
        if when is None:
            return error(_("updated_since must be an ISO 8601 date and time."))
        cases = cases.filter(updated_at__gte=when)
    try:
        limit = min(int(request.GET.get("limit", 50)), 200)
        offset = int(request.GET.get("offset", 0))
        if limit < 1 or offset < 0:
            raise ValueError
    except ValueError:
        return error(_("limit and offset must be whole numbers (limit 1 to 200)."))
    total = cases.count()
    return answer({"count": total, "items": [serialise(a) for a in cases[offset : offset + limit]]})


@require_http_methods(["GET"])
@system_api(SCOPE)
def case_detail(request, pk: int):
    app = cases_queryset().filter(pk=pk).first()
    if app is None:
        return error(_("No such case."), 404)
    return answer(serialise(app, history=True))


@require_http_methods(["POST"])
@system_api(SCOPE)
def case_status(request, pk: int):
    """Push a step: {"action": "accept" | "correction" | "refuse" | "decide", "text": …, "outcome": …, "conditions": …}."""
    app = cases_queryset().filter(pk=pk).first()
    if app is None:
        return error(_("No such case."), 404)
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return error(_("The body must be a JSON object."))
    if not isinstance(body, dict):
        return error(_("The body must be a JSON object."))
    action = body.get("action")
    if action not in ACTIONS:
        return error(_("action must be one of %(actions)s.") % {"actions": ", ".join(ACTIONS)})
    text = body.get("text", "")
    if not isinstance(text, str) or not isinstance(body.get("conditions", ""), str):
        return error(_("text and conditions must be strings."))
    system = request.system.name
    try:
        if action == "accept":
            workflow.accept(app, system=system)
        elif action == "correction":
            workflow.request_correction(app, text, system=system)
        elif action == "refuse":
            workflow.refuse(app, text, system=system)
        else:
            workflow.decide(app, body.get("outcome", ""), text, body.get("conditions", ""), system=system)
    except workflow.WorkflowError as exc:
        return error(str(exc), 409)
    app.refresh_from_db()
    return answer(serialise(app, history=True))


def openapi_paths() -> dict:
    """This API in the OpenAPI description (delivery/api reads it through the hook `register_openapi_paths`)."""
    error_ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/SystemError"}}}}
    case_schema = {"$ref": "#/components/schemas/ServiceCase"}
    security = [{"systemToken": []}]
    common = {
        "401": {"description": _("Missing, unknown or revoked token"), **error_ref},
        "403": {"description": _("The system is disabled or lacks the scope services.cases"), **error_ref},
    }
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    return {
        "paths": {
            "/api/services/cases/": {
                "get": {
                    "operationId": "list_service_cases",
                    "tags": ["services"],
                    "summary": _("Cases of the online services, newest change first"),
                    "security": security,
                    "parameters": [
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {"type": "string", "enum": [s for s in Application.Status.values if s != "draft"]},
                        },
                        {"name": "form", "in": "query", "schema": {"type": "string"}},
                        {"name": "updated_since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}},
                        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    ],
                    "responses": {
                        "200": {
                            "description": _("Success"),
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "count": {"type": "integer"},
                                            "items": {"type": "array", "items": case_schema},
                                        },
                                    }
                                }
                            },
                        },
                        "400": {"description": _("Bad parameter"), **error_ref},
                        **common,
                    },
                }
            },
            "/api/services/cases/{id}/": {
                "get": {
                    "operationId": "get_service_case",
                    "tags": ["services"],
                    "summary": _("One case with its history"),
                    "security": security,
                    "parameters": [id_param],
                    "responses": {
                        "200": {"description": _("Success"), "content": {"application/json": {"schema": case_schema}}},
                        "404": {"description": _("No such case"), **error_ref},
                        **common,
                    },
                }
            },
            "/api/services/cases/{id}/status/": {
                "post": {
                    "operationId": "push_service_case_status",
                    "tags": ["services"],
                    "summary": _("Push a handling step (accept, correction, refuse, decide)"),
                    "security": security,
                    "parameters": [id_param],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["action"],
                                    "properties": {
                                        "action": {"type": "string", "enum": list(ACTIONS)},
                                        "text": {"type": "string"},
                                        "outcome": {"type": "string", "enum": Application.Outcome.values},
                                        "conditions": {"type": "string"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": _("The case after the step"),
                            "content": {"application/json": {"schema": case_schema}},
                        },
                        "400": {"description": _("Bad body"), **error_ref},
                        "404": {"description": _("No such case"), **error_ref},
                        "409": {"description": _("The step is not possible in the case's state"), **error_ref},
                        **common,
                    },
                }
            },
        },
        "schemas": {
            "SystemError": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "ServiceCase": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "tracking_code": {"type": "string"},
                    "service": {"type": "string"},
                    "unit": {"type": "string", "nullable": True},
                    "title": {"type": "string"},
                    "status": {"type": "string"},
                    "outcome": {"type": "string", "nullable": True},
                    "details": {"type": "object"},
                    "deadline": {"type": "string", "format": "date", "nullable": True},
                    "document_number": {"type": "string", "nullable": True},
                    "history": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
        "security_schemes": {"systemToken": {"type": "http", "scheme": "bearer", "description": _("A business system's token")}},
    }

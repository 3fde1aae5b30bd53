"""Response headers: the Content Security Policy (a looser one for Wagtail's admin) and Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "SECURITY_ADMIN_CSP_PREFIXES", ())))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with CONTENT_SECURITY_POLICY for the site and SECURITY_ADMIN_CSP for the admin paths."""

    def get_policy_parts(self, request: HttpRequest, response: HttpResponse, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = dict(settings.SECURITY_ADMIN_CSP)
        return parts


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy (browser features the site never uses are switched off)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class BadInputMiddleware:
    """Answers query input the database cannot take with 400 and a message instead of a server error.

    A number too large for an integer column (SQLite raises OverflowError on lookups such as
    `?category=99999999999999999999`) and a NUL byte in a text lookup (PostgreSQL raises ValueError) are
    turned into a refusal; views that clean their input themselves (site search strips control characters)
    never get here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if isinstance(exception, OverflowError):
            return bad_request(request, _("A number in the request is too large."))
        if isinstance(exception, ValueError) and "NUL" in str(exception):
            return bad_request(request, _("The request contains a NUL character, which is not allowed."))
        return None


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "security/bad_request.html", {"message": message}, status=400)

"""Response headers: the Content Security Policy (a looser one for Wagtail's admin) and Permissions-Policy."""
from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse


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

"""The visitor's network address, as every per-address limit and log on the site counts it (django-ratelimit's
"ip" key, django-axes' login lockout, the personal data view log).

REMOTE_ADDR; or, behind PROXY_COUNT trusted proxies (1 behind deploy/nginx.conf), the X-Forwarded-For entry the
outermost of them added. Entries further left are whatever the client claimed, so they are never believed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # empty over a Unix socket: one address for all

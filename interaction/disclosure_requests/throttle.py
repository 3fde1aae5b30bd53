"""Per-address limits on the public forms (django-ratelimit, counted in the default cache)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def over_limit(request: HttpRequest, group: str, setting: str, default: str) -> bool:
    """Counts this POST against the sender's address; True once the setting's rate ("5/h") is exceeded."""
    rate = getattr(settings, setting, default)
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)

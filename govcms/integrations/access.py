"""Guarding a view for business systems: `@system_api("scope")` reads `Authorization: Bearer <token>`, answers 401/403
as JSON with a reason, passes the calling System as `request.system`, and logs every call (accepted or refused)."""

import functools
import time

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from govcms.security.addresses import client_address

from .models import Call, Token, hash_token


class Refused(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def authenticate(request, scope: str):
    """The active System whose token the request carries and which holds `scope`, or Refused."""
    header = request.headers.get("Authorization", "")
    kind, _sep, raw = header.partition(" ")
    if kind.lower() != "bearer" or not raw.strip():
        raise Refused(401, _("A business system's token is required: Authorization: Bearer <token>."))
    token = Token.objects.select_related("system").filter(key_hash=hash_token(raw.strip())).first()
    if token is None or token.revoked_at is not None:
        raise Refused(401, _("The token is unknown or has been revoked."))
    if not token.system.active:
        raise Refused(403, _("This business system has been disabled."))
    if scope not in (token.system.scopes or []):
        raise Refused(403, _("This business system may not use this API (scope %(scope)s).") % {"scope": scope})
    Token.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.system


def system_api(scope: str):
    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            started = time.monotonic()
            system = None
            try:
                system = authenticate(request, scope)
            except Refused as refused:
                response = JsonResponse({"error": refused.reason}, status=refused.status)
                if refused.status == 401:
                    response["WWW-Authenticate"] = 'Bearer realm="api"'
            else:
                request.system = system
                response = view(request, *args, **kwargs)
            Call.objects.create(
                system=system,
                method=request.method[:10],
                path=request.get_full_path()[:500],
                status=response.status_code,
                scope=scope,
                address=client_address(request) or None,
                duration_ms=int((time.monotonic() - started) * 1000),
            )
            return response

        return wrapped

    return decorate

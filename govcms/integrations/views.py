"""Admin views of a system's tokens: the list with its latest calls, issuing a token (shown once) and revoking one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import System, Token


def _check(user) -> None:
    if not user.has_perm("integrations.change_system"):
        raise PermissionDenied


def tokens(request, pk: int):
    _check(request.user)
    system = get_object_or_404(System, pk=pk)
    return TemplateResponse(
        request,
        "integrations/tokens.html",
        {"system": system, "tokens": system.tokens.all(), "calls": system.calls.all()[:50]},
    )


@require_POST
def issue_token(request, pk: int):
    _check(request.user)
    system = get_object_or_404(System, pk=pk)
    raw = system.issue_token(request.user)
    return TemplateResponse(request, "integrations/token_issued.html", {"system": system, "token": raw})


@require_POST
def revoke_token(request, pk: int):
    _check(request.user)
    token = get_object_or_404(Token, pk=pk, revoked_at__isnull=True)
    token.revoke()
    messages.success(request, _("The token %(token)s has been revoked.") % {"token": token})
    return redirect("integrations_tokens", token.system_id)

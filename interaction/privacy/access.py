"""Who may see a visitor's personal data, and the call that records each time they do."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from govcms.security.addresses import client_address

from .models import PersonalDataView

PERMISSION = "privacy.view_personal_data"


def can_view(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(PERMISSION))


def log_view(request: HttpRequest, obj: models.Model, action: str) -> PersonalDataView:
    """Record that request.user has just been shown obj's personal data (call only when it was shown)."""
    return PersonalDataView.objects.create(
        user=request.user if request.user.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action[:60],
        ip_address=client_address(request),
    )

"""Who may read a dataset: 开放 everyone; 共享 staff, signed-in people of the units its owner granted and the
business systems granted (with the data.read scope); 不予公开 staff only. Every read of a non-open dataset is
logged (AccessLog)."""

from __future__ import annotations

from cms.datasets.models import Access, AccessLog, DatasetPage
from govcms.security.addresses import client_address
from govcms.units.models import unit_of


def is_staff(user) -> bool:
    """Someone who may use the admin (editors, reviewers, administrators); a unit's contact person never may."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def reader_of(page: DatasetPage, request, system=None) -> dict | None:
    """{user, unit, system} describing an allowed reader, or None. `system` is a business system already
    authenticated by token (the API)."""
    if page.access == Access.OPEN:
        return {}
    user = getattr(request, "user", None)
    if user is not None and is_staff(user):
        return {"user": user}
    if page.access == Access.CLOSED:
        return None
    if system is not None:
        return {"system": system} if page.granted_systems.filter(pk=system.pk).exists() else None
    unit = unit_of(user) if user is not None else None
    if unit is not None and page.granted_units.filter(pk=unit.pk).exists():
        return {"user": user, "unit": unit}
    return None


def log_read(page: DatasetPage, request, reader: dict, channel: str) -> None:
    if page.access == Access.OPEN:
        return
    AccessLog.objects.create(
        dataset=page,
        user=reader.get("user"),
        unit=reader.get("unit"),
        system=reader.get("system"),
        channel=channel,
        path=request.get_full_path()[:500],
        address=client_address(request) or None,
    )

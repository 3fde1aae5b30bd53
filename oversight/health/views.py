"""The site health pages: the admin report (every check, the history chart), the broken links by page, the
dashboard panel, and the JSON endpoint for staff and monitors (`/health/status.json`)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.admin.ui.components import Component

from . import history, registry
from .models import LinkCheckRun, LinkTarget, LinkUse

STATUS_LABELS = {"pass": "合格", "warn": "预警", "fail": "不合格"}


def may_view(user) -> bool:
    """Staff: anyone who may use the admin."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def _rows(report: registry.Report) -> list[dict]:
    order = {"fail": 0, "warn": 1, "pass": 2}
    results = sorted(report.results, key=lambda r: (order[r.status], not r.veto))
    return [
        {"result": r, "label": STATUS_LABELS[r.status], "shown": r.items[:20], "more": max(0, len(r.items) - 20)} for r in results
    ]


def report_view(request):
    if request.method == "POST":
        registry.current(fresh=True)
        return redirect("health:index")
    report = registry.current().for_user(request.user)
    return TemplateResponse(
        request,
        "health/report.html",
        {
            "report": report,
            "rows": _rows(report),
            "label": STATUS_LABELS[report.status],
            "chart": history.chart(timezone.localdate()),
            "page_title": _("Site health"),
            "header_icon": "success",
        },
    )


def links_view(request):
    uses = (
        LinkUse.objects.filter(target__status__in=[LinkTarget.Status.BROKEN, LinkTarget.Status.FAILING], page__live=True)
        .select_related("target", "page")
        .order_by("target__status", "page__path", "pk")
    )
    page = Paginator(uses, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "health/links.html",
        {
            "uses": page,
            "last": LinkCheckRun.objects.filter(finished_at__isnull=False).first(),
            "page_title": _("Broken links by page"),
            "header_icon": "link",
        },
    )


class HealthPanel(Component):
    """Dashboard: the overall state and each failing or warning rule, linking to the full report."""

    name = "site_health"
    template_name = "health/panel.html"
    order = 50

    def get_context_data(self, parent_context):
        report = registry.current().for_user(parent_context["request"].user)
        rows = [row for row in _rows(report) if row["result"].status != "pass"]
        return {"report": report, "rows": rows, "label": STATUS_LABELS[report.status], "passed": report.count("pass")}


def _token_ok(request) -> bool:
    token = getattr(settings, "HEALTH_MONITOR_TOKEN", "")
    given = request.headers.get("Authorization", "")
    return bool(token) and given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip(), token)


@never_cache
@require_GET
def status_json(request):
    """The report as JSON, for staff (logged in) or a monitor (Authorization: Bearer HEALTH_MONITOR_TOKEN).
    401 without either, 403 for a user who may not use the admin. ?fresh=1 runs the checks now."""
    if not _token_ok(request):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "authentication required"}, status=401)
        if not may_view(request.user):
            return JsonResponse({"error": "staff only"}, status=403)
    report = registry.current(fresh=request.GET.get("fresh") == "1")
    if request.user.is_authenticated:
        report = report.for_user(request.user)  # a monitor's token sees everything
    return JsonResponse(report.as_dict(), json_dumps_params={"ensure_ascii": False})

"""Admin: 办件 (the cases with their deadline flags, the handling page), the dashboard panel of overdue and
nearly-due cases; and the hooks other apps read: the API scope, the OpenAPI paths, the site-health check of the
service guides (`register_site_health_checks`) and the annual report's figure (`register_annual_report_figures`:
called with the year, it gives table 二's 行政许可 decisions: the cases decided that year)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.dates import chinese_date
from cms.disclosure.report_format import decision_key
from cms.services.models import ServiceGuidePage
from interaction.workdays.calendar import add_workdays

from . import api
from .admin_views import AttachmentView, HandleView, ResultView
from .models import Application, due_soon_workdays
from .public import licences_decided


def deadline_date(app: Application) -> str:
    """The deadline as read in China, marked 暂定 when counted over a year whose holiday notice is not confirmed."""
    if not app.deadline:
        return "—"
    if app.deadline_provisional:
        return _("%(date)s (provisional)") % {"date": chinese_date(app.deadline)}
    return chinese_date(app.deadline)


def deadline_label(app: Application) -> str:
    state = app.deadline_state()
    if state == "overdue":
        return _("Overdue by %(days)d working days") % {"days": -app.workdays_left()}
    if state == "due_soon":
        left = app.workdays_left()
        return _("Due today") if left == 0 else _("Due in %(days)d working days") % {"days": left}
    if state == "paused":
        return _("Paused (补正)")
    if state == "on_time":
        return _("On time")
    return "—"


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = gettext_lazy("Service cases")
    menu_order = 260
    add_to_admin_menu = True
    edit_view_class = HandleView
    list_filter = ["status", "form_kind", "outcome"]
    search_fields = ["tracking_code", "title", "service_name"]
    form_fields = ["title"]
    inspect_view_enabled = False
    list_per_page = 50

    def get_queryset(self, request):
        return Application.objects.exclude(status=Application.Status.DRAFT).select_related("unit")

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=gettext_lazy("project or request"), url_name="service_cases:edit"),
            Column("tracking_code", label=gettext_lazy("tracking code")),
            Column("service_name", label=gettext_lazy("service")),
            Column("unit", label=gettext_lazy("unit")),
            Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
            DateColumn("submitted_at", label=gettext_lazy("submitted")),
            Column("deadline", label=gettext_lazy("deadline"), sort_key="deadline", accessor=deadline_date),
            StatusTagColumn(
                "deadline_state",
                label=gettext_lazy("Deadline status"),
                accessor=deadline_label,
                primary=lambda app: app.deadline_state() in ("overdue", "due_soon"),
            ),
        ]

    def get_edit_view_kwargs(self, **kwargs):
        return {
            "attachment_url_name": self.get_url_name("attachment"),
            "result_url_name": self.get_url_name("result"),
            **kwargs,
        }

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("attachment/<int:pk>/", self.construct_view(AttachmentView), name="attachment"),
            path("result/<int:pk>/", self.construct_view(ResultView), name="result"),
        ]


@hooks.register("register_admin_viewset")
def register_cases():
    return ApplicationViewSet("service_cases")


class DueCasesPanel(Component):
    """Dashboard: open cases overdue or due within SERVICES_DUE_SOON_WORKDAYS, earliest deadline first."""

    name = "applications_due"
    template_name = "applications/admin/due_panel.html"
    order = 160
    limit = 15

    def get_context_data(self, parent_context):
        # One working-day computation for the boundary, then one query: the panel stays fast with many cases.
        limit = add_workdays(timezone.localdate(), max(due_soon_workdays(), 1))
        due = Application.objects.filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.REVIEWING], deadline__lte=limit
        ).order_by("deadline", "pk")
        rows = [
            {
                "app": app,
                "label": deadline_label(app),
                "overdue": app.deadline < timezone.localdate(),
                "url": reverse("service_cases:edit", args=[app.pk]),
            }
            for app in due.select_related("unit")[: self.limit]
        ]
        return {"rows": rows, "total": due.count()}


@hooks.register("construct_homepage_panels")
def add_due_panel(request, panels):
    if request.user.has_perm("applications.change_application"):
        panels.append(DueCasesPanel())


@hooks.register("register_integration_scopes")
def scopes():
    return [(api.SCOPE, gettext_lazy("Online services: read cases and push their handling steps"))]


@hooks.register("register_openapi_paths")
def openapi_paths():
    return api.openapi_paths()


def guides_check(now) -> dict:
    """办事指南要素齐全: every published guide has the key elements (a veto of the national check rules)."""
    items = []
    for guide in ServiceGuidePage.objects.live().order_by("path"):
        missing = guide.missing_elements()
        if missing:
            items.append(
                {"title": f"{guide.title}（{'、'.join(missing)}）", "url": reverse("wagtailadmin_pages:edit", args=[guide.pk])}
            )
    return {
        "rule": "services.guides",
        "title": "办事指南要素齐全",
        "threshold": _("Every published service guide has all eight key elements"),
        "status": "fail" if items else "pass",
        "veto": True,
        "items": items,
        "fix_url": items[0]["url"] if items else "",
    }


@hooks.register("register_site_health_checks")
def site_health_checks():
    return [guides_check]


@hooks.register("register_annual_report_figures")
def annual_report_figures(year: int) -> dict[str, int]:
    """Table 二's 行政许可 decisions: the cases decided in `year`."""
    return {decision_key("licensing"): licences_decided(year)}

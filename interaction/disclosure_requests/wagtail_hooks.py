"""Admin menu 依申请公开: the requests with their deadlines flagged, the inspect page and the handling actions."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.viewsets.model import ModelViewSet

from cms.disclosure.report_format import request_key

from . import admin_views
from .forms import StaffApplicationForm
from .models import DisclosureRequest
from .stats import year_stats


class DisclosureRequestViewSet(ModelViewSet):
    model = DisclosureRequest
    icon = "doc-full-inverse"
    menu_label = _("Disclosure requests")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "code",
        "info_title",
        "received_on",
        "status",
        "deadline_flag",
        "due_on_display",
        "outcome_display",
        "assigned_to",
    ]
    list_filter = ["status", "applicant_type", "assigned_to"]
    search_fields = ["code", "info_title"]  # never the applicant: a search must not reveal who applied
    ordering = ["due_on"]
    form_fields = ["assigned_to", "outcome", "reply_letter", "staff_notes"]
    inspect_view_enabled = True
    inspect_view_class = admin_views.RequestInspectView
    edit_view_class = admin_views.RequestEditView
    add_view_class = admin_views.RequestCreateView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        """Editing handles a request (form_fields); adding enters a postal application with every field, checked."""
        if for_update:
            return super().get_form_class(for_update=True)
        return StaffApplicationForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("extend/<int:pk>/", admin_views.ExtendView.as_view(), name="extend"),
            path("correction/<int:pk>/", admin_views.CorrectionRequestView.as_view(), name="correction"),
            path("correction-received/<int:pk>/", admin_views.CorrectionReceivedView.as_view(), name="correction_received"),
            path("approve/<int:pk>/", admin_views.ApproveReplyView.as_view(), name="approve"),
            path("attachment/<int:pk>/", admin_views.AttachmentView.as_view(), name="attachment"),
        ]


@hooks.register("register_admin_viewset")
def register_disclosure_requests():
    return DisclosureRequestViewSet("disclosure_requests")


class DeadlineSummaryItem(SummaryItem):
    """On the admin dashboard: how many requests are open, and how many of them are overdue or due soon."""

    order = 250
    template_name = "disclosure_requests/admin/summary_item.html"

    def get_context_data(self, parent_context):
        open_requests = DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED)
        states = [r.deadline_state() for r in open_requests.only("status", "due_on")]
        return {"open": len(states), "overdue": states.count("overdue"), "due_soon": states.count("due_soon")}

    def is_shown(self):
        return self.request.user.has_perm("disclosure_requests.view_disclosurerequest")


@hooks.register("construct_homepage_summary_items")
def add_deadline_summary(request, items):
    items.append(DeadlineSummaryItem(request))


@hooks.register("register_annual_report_figures")
def annual_report_request_figures(year: int) -> dict:
    """Table 三 of the annual report: the year's requests by applicant column, outcome, carried over and forward."""
    stats = year_stats(year)
    figures = {}
    rows = {"received": stats.received, "carried_over": stats.carried_over, "carried_forward": stats.carried_forward}
    for row, counts in rows.items():
        figures.update({request_key(row, a): n for a, n in counts.items() if a != "total"})
    for group in stats.outcomes:
        for row in group.children or [group]:
            figures.update({request_key(row.key, a): n for a, n in row.counts.items() if a != "total"})
    return figures

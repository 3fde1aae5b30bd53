"""Admin: 来信办理 — the letters (with overdue and nearly-due flags), the categories with their deadlines, the reviewer's
preview, the dashboard panel of replies awaiting approval and the privacy scan report."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.dates import chinese_date
from interaction.privacy.access import can_view

from .admin_views import AttachmentView, LetterHandleView
from .models import Letter, LetterCategory
from .review_views import (
    AwaitingApprovalPanel,
    LetterPreviewView,
    PagePreviewView,
    PrivacyScanMenuItem,
    PrivacyScanReportView,
    may_approve,
)
from .workflow import CHECKED


class SubjectColumn(TitleColumn):
    """The subject, linking to the handling page; with the writer's name removed for users who may not see it."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if not can_view(getattr(request, "user", None)):
            context["value"] = instance.redacted_subject
        return context


def deadline_date(letter: Letter) -> str:
    """The deadline as read in China, marked 暂定 when counted over a year whose holidays are not yet entered."""
    if not letter.deadline:
        return "—"
    if letter.deadline_provisional:
        return _("%(date)s (provisional)") % {"date": chinese_date(letter.deadline)}
    return chinese_date(letter.deadline)


def deadline_label(letter: Letter) -> str:
    state = letter.deadline_state()
    if state == "overdue":
        return _("Overdue by %(days)d working days") % {"days": -letter.workdays_left()}
    if state == "due_soon":
        left = letter.workdays_left()
        return _("Due today") if left == 0 else _("Due in %(days)d working days") % {"days": left}
    if state == "on_time":
        return _("On time")
    return "—"


class LetterViewSet(ModelViewSet):
    model = Letter
    icon = "mail"
    menu_label = gettext_lazy("Letters")
    edit_view_class = LetterHandleView
    list_filter = ["status", "category", "assigned_to"]
    search_fields = ["subject", "tracking_code"]
    # Entering a letter that arrived by post: the writer's data is typed in, never shown back here.
    form_fields = ["category", "writer_name", "phone", "email", "subject", "message", "publish_allowed"]
    inspect_view_enabled = False

    @property
    def list_display(self):
        return [
            SubjectColumn("subject", label=gettext_lazy("subject"), url_name="letters:edit"),
            Column("category", label=gettext_lazy("type of letter")),
            Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
            DateColumn("received_at", label=gettext_lazy("received at")),
            Column(
                "deadline",
                label=gettext_lazy("deadline"),
                sort_key="deadline",
                accessor=deadline_date,
            ),
            StatusTagColumn(
                "deadline_state",
                label=gettext_lazy("Deadline status"),
                accessor=deadline_label,
                primary=lambda letter: letter.deadline_state() in ("overdue", "due_soon"),
            ),
            Column("assigned_to", label=gettext_lazy("handler")),
        ]

    def get_edit_view_kwargs(self, **kwargs):
        return {
            "attachment_url_name": self.get_url_name("attachment"),
            "preview_url_name": self.get_url_name("preview"),
            **kwargs,
        }

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("attachment/<int:pk>/", self.construct_view(AttachmentView), name="attachment"),
            path("preview/<int:pk>/", LetterPreviewView.as_view(), name="preview"),
            path("preview-page/<int:page_id>/", PagePreviewView.as_view(), name="preview_page"),
            path("privacy-scan/", PrivacyScanReportView.as_view(), name="privacy_scan"),
        ]


class LetterCategoryViewSet(ModelViewSet):
    model = LetterCategory
    icon = "tag"
    menu_label = gettext_lazy("Letter categories")
    list_display = ["name", "deadline_workdays", "order"]
    form_fields = ["name", "deadline_workdays", "order"]


class LettersGroup(ViewSetGroup):
    menu_label = gettext_lazy("Letters from the public")
    menu_icon = "mail"
    menu_order = 250
    items = (LetterViewSet("letters"), LetterCategoryViewSet("letter_categories"))


@hooks.register("register_admin_viewset")
def register_letters():
    return LettersGroup()


@hooks.register("construct_homepage_panels")
def add_awaiting_approval_panel(request, panels):
    if may_approve(request.user):
        panels.append(AwaitingApprovalPanel())


@hooks.register("register_reports_menu_item")
def register_privacy_scan_report():
    return PrivacyScanMenuItem(
        gettext_lazy("Personal data on published answers"),
        reverse("letters:privacy_scan"),
        name="letters-privacy-scan",
        icon_name="warning",
        order=1100,
    )


@hooks.register("register_log_actions")
def register_public_text_checked(actions):
    actions.register_action(CHECKED, _("Public text checked"), _("Public text checked and published by the reviewer"))

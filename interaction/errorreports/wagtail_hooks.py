"""Admin menu 我为政府网站找错: reports with their 3-working-day deadline flagged; marking one handled with a note.
The reporter's contact is shown only with privacy.view_personal_data, and each showing is logged."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from interaction.privacy.access import can_view, log_view

from .models import ErrorReport

FIELDS = [
    "received_on",
    "due_on",
    "deadline_flag",
    "status",
    "page_url",
    "page",
    "error_type",
    "description",
    "handling_note",
    "handled_by",
    "handled_at",
]


class ErrorReportInspectView(InspectView):
    template_name = "errorreports/admin/inspect.html"

    def setup(self, request, *args, **kwargs):
        self.show_personal = can_view(request.user)
        super().setup(request, *args, **kwargs)

    def get_fields(self):
        return FIELDS + (["contact"] if self.show_personal else [])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_hidden"] = bool(self.object.contact) and not self.show_personal
        if self.show_personal and self.object.contact:
            log_view(self.request, self.object, gettext("View the report"))
        return context


class ErrorReportEditView(EditView):
    """Marking a report handled records who did it and when."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.status == ErrorReport.Status.HANDLED and instance.handled_at is None:
            instance.handled_at = timezone.now()
            instance.handled_by = self.request.user
        elif instance.status == ErrorReport.Status.NEW:
            instance.handled_at = instance.handled_by = None
        instance.save()
        self.form.save_m2m()
        return instance


class ErrorReportViewSet(ModelViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["received_on", "error_type", "page_url", "description", "deadline_flag", "status"]
    list_filter = ["status", "error_type"]
    search_fields = ["page_url", "description"]
    ordering = ["status", "due_on"]
    form_fields = ["status", "handling_note"]
    inspect_view_enabled = True
    inspect_view_class = ErrorReportInspectView
    edit_view_class = ErrorReportEditView
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_error_reports():
    return ErrorReportViewSet("error_reports")

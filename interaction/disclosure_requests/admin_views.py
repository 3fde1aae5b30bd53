"""Staff views of a request: the inspect page (personal data only with privacy.view_personal_data, and logged), the
edit form (assignment, outcome, reply letter), and the actions: extend, ask for a correction, record its arrival,
approve and send the reply, download the identity proof."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import CreateView, EditView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.dates import chinese_date
from cms.core.models import SiteIdentity
from interaction.privacy.access import can_view, log_view
from interaction.privacy.downloads import PersonalDataFileView
from interaction.workdays.recount import history as deadline_history

from . import notify
from .forms import ApproveReplyForm, CorrectionReceivedForm, CorrectionRequestForm, ExtensionForm
from .models import DisclosureRequest, DisclosureRequestPage

HANDLING_FIELDS = [
    "code",
    "status",
    "deadline_flag",
    "received_on",
    "clock_start",
    "due_on_display",
    "extension_days",
    "extension_reason",
    "correction_note",
    "correction_received_on",
    "assigned_to",
    "applicant_type",
    "organisation_kind",
    "info_title",
    "info_document_number",
    "info_description",
    "purpose",
    "medium",
    "delivery",
    "outcome_display",
    "reply_letter",
    "approved_by",
    "replied_at",
    "staff_notes",
]


def lookup_url() -> str:
    page = DisclosureRequestPage.objects.live().first()
    return (page.full_url or "") + page.reverse_subpage("lookup") if page else ""


class RequestInspectView(InspectView):
    """Shows the handling to everyone who may see requests; the applicant's identity and contact only to those who
    may see personal data, and records that they did."""

    template_name = "disclosure_requests/admin/inspect.html"

    def setup(self, request, *args, **kwargs):
        self.show_personal = can_view(request.user)
        super().setup(request, *args, **kwargs)

    def get_fields(self):
        personal = [f for f in DisclosureRequest.PERSONAL_FIELDS if f != "attachment"] if self.show_personal else []
        return HANDLING_FIELDS[:2] + personal + HANDLING_FIELDS[2:]

    def get_fields_context(self):
        """Empty fields left out: a citizen has no credit code, an open request no reply."""
        return [field for field in super().get_fields_context() if field["value"] not in (None, "")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["show_personal"] = self.show_personal
        if self.show_personal:
            log_view(self.request, obj, _("View the request"))
        user = self.request.user
        can_change = user.has_perm("disclosure_requests.change_disclosurerequest")
        actions = []
        if can_change and obj.can_extend:
            actions.append((reverse("disclosure_requests:extend", args=[obj.pk]), _("Extend the deadline")))
        if can_change and obj.can_request_correction:
            actions.append((reverse("disclosure_requests:correction", args=[obj.pk]), _("Ask for a correction")))
        if can_change and obj.status == DisclosureRequest.Status.CORRECTION:
            actions.append(
                (reverse("disclosure_requests:correction_received", args=[obj.pk]), _("Record the correction's arrival"))
            )
        if user.has_perm("disclosure_requests.approve_reply") and obj.status != DisclosureRequest.Status.REPLIED:
            actions.append((reverse("disclosure_requests:approve", args=[obj.pk]), _("Approve and send the reply")))
        context["actions"] = actions
        context["deadline_changes"] = deadline_history(obj)
        if self.show_personal and obj.attachment:
            context["attachment_url"] = reverse("disclosure_requests:attachment", args=[obj.pk])
        return context


class RequestCreateView(CreateView):
    """An application received by post or in person. Typing it in shows personal data, so it needs that permission;
    the applicant is e-mailed the tracking code when they gave an address."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        log_view(self.request, instance, _("Enter a postal application"))
        notify.received(instance, lookup_url())
        return instance

    def get_success_url(self):
        return reverse("disclosure_requests:inspect", args=[self.object.pk])


class RequestEditView(EditView):
    """Assignment, outcome, reply letter and notes; the outcome and letter are fixed once the reply has been sent."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object.replied_at:
            for name in ("outcome", "reply_letter"):
                if name in form.fields:
                    form.fields[name].disabled = True
                    form.fields[name].help_text = _("The reply has been sent and can no longer be changed.")
        if "reply_letter" in form.fields:
            form.fields["reply_letter"].widget = forms.Textarea(attrs={"rows": 14})
        return form


class RequestActionView(WagtailAdminTemplateMixin, FormView):
    """One step of the handling, on its own page: check it is allowed, take the form, record, notify, go back."""

    template_name = "disclosure_requests/admin/action.html"
    permission = "disclosure_requests.change_disclosurerequest"
    header_icon = "doc-full"
    page_title = ""

    def dispatch(self, request, *args, pk=None, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.object = get_object_or_404(DisclosureRequest, pk=pk)
        self.inspect_url = reverse("disclosure_requests:inspect", args=[pk])
        problem = self.problem()
        if problem:
            messages.error(request, problem)
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("disclosure_requests:index"), "label": DisclosureRequest._meta.verbose_name_plural},
            {"url": self.inspect_url, "label": self.object.code},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, inspect_url=self.inspect_url, explanation=self.explanation())
        return context

    def problem(self) -> str:
        return ""

    def explanation(self) -> str:
        return ""

    def form_valid(self, form):
        message = self.act(form.cleaned_data)
        messages.success(self.request, message)
        return redirect(self.inspect_url)

    def act(self, data) -> str:
        raise NotImplementedError


class ExtendView(RequestActionView):
    form_class = ExtensionForm
    page_title = gettext_lazy("Extend the deadline")

    def problem(self):
        if not self.object.can_extend:
            return _("The deadline can be extended only once, before the reply and not while awaiting a correction.")
        return ""

    def explanation(self):
        return _(
            "With the approval of the head of the disclosure office the reply may be extended once, by at most "
            "20 working days; the applicant is told. Current deadline: %(due)s."
        ) % {"due": chinese_date(self.object.due_on)}

    def act(self, data):
        obj = self.object
        obj.extension_days = data["days"]
        obj.extension_reason = data["reason"]
        obj.extended_at = timezone.now()
        obj.save()
        sent = notify.extended(obj, lookup_url())
        return (
            _("Extended by %(days)d working days; the reply is now due by %(due)s.")
            % {"days": obj.extension_days, "due": chinese_date(obj.due_on)}
        ) + (" " + _("The applicant has been e-mailed.") if sent else "")


class CorrectionRequestView(RequestActionView):
    form_class = CorrectionRequestForm
    page_title = gettext_lazy("Ask for a correction")

    def problem(self):
        if not self.object.can_request_correction:
            return _("A correction can be asked for only once, before the reply.")
        return ""

    def explanation(self):
        return _(
            "If the application is unclear or incomplete, tell the applicant once what to correct (Article 30 "
            "of the Regulations). The clock stops, and the 20 working days start again when the correction "
            "arrives."
        )

    def act(self, data):
        obj = self.object
        obj.status = DisclosureRequest.Status.CORRECTION
        obj.correction_note = data["note"]
        obj.correction_requested_at = timezone.now()
        obj.save()
        sent = notify.correction_requested(obj, lookup_url())
        return _("The applicant has been asked for a correction; the clock is stopped.") + (
            " " + _("The applicant has been e-mailed.") if sent else ""
        )


class CorrectionReceivedView(RequestActionView):
    form_class = CorrectionReceivedForm
    page_title = gettext_lazy("Record the correction's arrival")

    def problem(self):
        if self.object.status != DisclosureRequest.Status.CORRECTION:
            return _("This request is not awaiting a correction.")
        return ""

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        requested = timezone.localdate(self.object.correction_requested_at)
        original_clean = form.clean

        def clean():
            data = original_clean()
            day = data.get("received_on")
            if day and (day < requested or day > timezone.localdate()):
                form.add_error("received_on", _("The date must lie between the request for a correction and today."))
            return data

        form.clean = clean
        return form

    def act(self, data):
        obj = self.object
        obj.correction_received_on = data["received_on"]
        obj.clock_start = data["received_on"]
        obj.status = DisclosureRequest.Status.PROCESSING if obj.assigned_to_id else DisclosureRequest.Status.RECEIVED
        obj.save()
        return _("Correction recorded; the reply is now due by %(due)s.") % {"due": chinese_date(obj.due_on)}


class ApproveReplyView(RequestActionView):
    form_class = ApproveReplyForm
    permission = "disclosure_requests.approve_reply"
    page_title = gettext_lazy("Approve and send the reply")

    def problem(self):
        obj = self.object
        if obj.status == DisclosureRequest.Status.REPLIED:
            return _("The reply has already been sent.")
        if obj.status == DisclosureRequest.Status.CORRECTION:
            return _("The request is awaiting a correction.")
        if not obj.outcome or not obj.reply_letter.strip():
            return _("Record the outcome and write the reply letter (edit the request) before approving it.")
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["letter"] = self.object
        return context

    def act(self, data):

        obj = self.object
        obj.status = DisclosureRequest.Status.REPLIED
        obj.approved_by = self.request.user
        obj.replied_at = timezone.now()
        obj.save()
        identity = SiteIdentity.for_request(self.request)

        letter = render_to_string(
            "disclosure_requests/letter.txt", {"obj": obj, "organiser": identity.organiser or settings.WAGTAIL_SITE_NAME}
        )
        sent = notify.replied(obj, lookup_url(), letter)
        return _("The reply has been approved and recorded.") + (
            " " + _("The reply letter has been e-mailed to the applicant.")
            if sent
            else " "
            + _("The applicant gave no e-mail address: send the letter as they asked; it can be read on the lookup page.")
        )


class AttachmentView(PersonalDataFileView):
    """The identity proof, to those who may see personal data and view requests; every download is logged."""

    model = DisclosureRequest
    any_permission_required = ["view"]
    log_action = gettext_lazy("Download the identity proof")

    def get_file(self, obj):
        return obj.attachment, None

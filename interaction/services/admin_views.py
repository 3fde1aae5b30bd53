"""The admin page where a case is handled: 受理 (accept, refuse, one 补正 request), 审核 (review steps assigned
to a person or group), 办结 (the decision), the 批复 and its publication; and the attachment download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from govcms.private_files import PrivateFileView

from . import results, workflow
from .admin_forms import CompleteStepForm, CorrectionRequestForm, DecideForm, RefuseForm, StepForm
from .forms import detail_labels
from .models import Application, Attachment, ReviewStep

ACCEPT = "applications.accept_application"
DECIDE = "applications.decide_application"


class HandleView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Application
    any_permission_required = ["change", "view"]
    template_name = "applications/admin/handle.html"
    page_title = gettext_lazy("Handle case")
    header_icon = "form"
    index_url_name = None
    edit_url_name = None
    attachment_url_name = None
    result_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Application.objects.select_related("unit", "service", "rating"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Application._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        app, user = self.object, self.request.user
        forms = forms or {}
        labels = detail_labels(app.form_kind, app.service)
        steps = list(app.review_steps.select_related("assignee", "group", "done_by"))
        may_change = self.user_has_permission("change")
        context.update(
            app=app,
            details=[(labels.get(k, k), v) for k, v in app.details.items() if v not in ("", None, [])],
            attachments=app.attachments.all(),
            events=app.events.select_related("actor"),
            steps=[(s, s.may_complete(user) and app.status == Application.Status.REVIEWING) for s in steps],
            state=app.deadline_state(),
            left=app.workdays_left(),
            may_accept=may_change
            and user.has_perm(ACCEPT)
            and app.status in (Application.Status.SUBMITTED, Application.Status.CORRECTION),
            may_correct=may_change
            and user.has_perm(ACCEPT)
            and app.status == Application.Status.SUBMITTED
            and not app.correction_requested_at,
            may_assign=may_change and app.status == Application.Status.REVIEWING,
            may_decide=user.has_perm(DECIDE) and app.status == Application.Status.REVIEWING,
            may_publish=user.has_perm(DECIDE)
            and app.status == Application.Status.DECIDED
            and app.outcome != Application.Outcome.REJECTED
            and bool(app.service and app.service.disclose_results)
            and not app.result_page_id,
            may_generate=user.has_perm(DECIDE) and app.status == Application.Status.DECIDED,
            refuse_form=forms.get("refuse") or RefuseForm(),
            correction_form=forms.get("correction") or CorrectionRequestForm(),
            step_form=forms.get("step")
            or StepForm(initial={"name": _("Office review") if not steps else _("Leadership review")}),
            complete_form=forms.get("complete") or CompleteStepForm(),
            decide_form=forms.get("decide") or DecideForm(),
            attachment_url_name=self.attachment_url_name,
            result_url=reverse(self.result_url_name, args=[app.pk]) if app.result_file else "",
            unsent=app.notices.filter(sent_at__isnull=True).count(),
        )
        return context

    def invalid(self, key: str, form):
        return self.render_to_response(self.get_context_data(forms={key: form}), status=400)

    def post(self, request, *args, **kwargs):
        app, action, user = self.object, request.POST.get("action"), request.user
        if not self.user_has_permission("change"):
            raise PermissionDenied
        try:
            if action in ("accept", "refuse", "correction"):
                if not user.has_perm(ACCEPT):
                    raise PermissionDenied
                if action == "accept":
                    workflow.accept(app, by=user)
                    messages.success(request, _("The application was accepted; the applicant has been told."))
                elif action == "refuse":
                    form = RefuseForm(request.POST)
                    if not form.is_valid():
                        return self.invalid("refuse", form)
                    workflow.refuse(app, form.cleaned_data["reason"], by=user)
                    messages.success(request, _("The application was not accepted; the applicant has been told."))
                else:
                    form = CorrectionRequestForm(request.POST)
                    if not form.is_valid():
                        return self.invalid("correction", form)
                    workflow.request_correction(app, form.cleaned_data["items"], by=user)
                    messages.success(request, _("The applicant was asked for the missing materials; the clock is paused."))
            elif action == "add_step":
                form = StepForm(request.POST)
                if not form.is_valid():
                    return self.invalid("step", form)
                workflow.add_review_step(
                    app,
                    form.cleaned_data["name"],
                    assignee=form.cleaned_data["assignee"],
                    group=form.cleaned_data["group"],
                    by=user,
                )
                messages.success(request, _("The review step was assigned."))
            elif action == "complete_step":
                form = CompleteStepForm(request.POST)
                if not form.is_valid():
                    return self.invalid("complete", form)
                step = get_object_or_404(ReviewStep, pk=form.cleaned_data["step"], application=app)
                if not step.may_complete(user):
                    raise PermissionDenied
                workflow.complete_review_step(step, form.cleaned_data["opinion"], form.cleaned_data["comment"], by=user)
                messages.success(request, _("The review step is complete."))
            elif action in ("decide", "generate", "publish"):
                if not user.has_perm(DECIDE):
                    raise PermissionDenied
                if action == "decide":
                    form = DecideForm(request.POST)
                    if not form.is_valid():
                        return self.invalid("decide", form)
                    data = form.cleaned_data
                    workflow.decide(app, data["outcome"], data["text"], data["conditions"], by=user)
                    results.generate(app)
                    messages.success(
                        request,
                        _("The case is decided and its result document %(number)s made.") % {"number": app.document_number},
                    )
                elif action == "generate":
                    results.generate(app)
                    messages.success(request, _("The result document was made again."))
                else:
                    item = results.publish_disclosure(app, user)
                    messages.success(request, _("The result was published in the catalogue: %(title)s") % {"title": item.title})
            elif action == "resend":
                sent = sum(workflow.deliver(n) for n in app.notices.filter(sent_at__isnull=True))
                messages.info(request, _("%(count)d e-mail notice(s) sent.") % {"count": sent})
            else:
                messages.error(request, _("Unknown action."))
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(request.path)


class AttachmentView(PrivateFileView):
    model = Application

    def get_object(self, pk):
        return get_object_or_404(Attachment, pk=pk, application__isnull=False)

    def get_file(self, attachment):
        return attachment.file, attachment.name


class ResultView(PrivateFileView):
    model = Application

    def get_file(self, app):
        return app.result_file, f"{app.document_number or app.tracking_code}.docx"

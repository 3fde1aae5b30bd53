"""The admin page where a letter is handled (assign, draft; approving is confirmed in the preview, review_views.py),
and the attachment download.

The writer's name, contact and attachment are shown only to users with privacy.view_personal_data, and every
time they are shown it is logged; others see the letter with personal data removed."""

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

from interaction.privacy.access import can_view, log_view
from interaction.privacy.downloads import PersonalDataFileView
from interaction.privacy.redact import redact
from interaction.workdays.recount import history as deadline_history

from . import workflow
from .forms import AssignForm, DraftForm
from .models import Letter, Reply


class LetterHandleView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Replaces the generic edit view: the letter, its writer (if permitted), and the handling steps."""

    model = Letter
    any_permission_required = ["change", "view"]
    template_name = "letters/admin/handle.html"
    page_title = gettext_lazy("Handle letter")
    header_icon = "mail"
    index_url_name = None
    edit_url_name = None
    attachment_url_name = None
    preview_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Letter.objects.select_related("category", "assigned_to"), pk=kwargs["pk"])

    def hide(self, text: str) -> str:
        """The text as a user without the personal data permission may see it."""
        if can_view(self.request.user):
            return text
        return redact(text, names=[self.object.writer_name])

    def get_page_subtitle(self):
        return self.hide(self.object.subject)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Letter._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, assign_form=None, draft_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        letter, user = self.object, self.request.user
        personal = can_view(user)
        if personal and self.request.method == "GET":
            log_view(self.request, letter, _("Handle letter"))
        reply = Reply.objects.filter(letter=letter).select_related("drafted_by", "approved_by").first()
        may_change = self.user_has_permission("change")
        reply_text = self.hide(reply.text) if reply else ""
        context.update(
            letter=letter,
            reply=reply,
            reply_text=reply_text,
            personal=personal,
            subject=self.hide(letter.subject),
            message=self.hide(letter.message),
            attachment_url=reverse(self.attachment_url_name, args=[letter.pk]) if letter.attachment else "",
            may_change=may_change and letter.is_open,
            may_approve=user.has_perm("letters.approve_reply") and letter.status == Letter.Status.DRAFTED,
            may_republish=user.has_perm("letters.approve_reply")
            and letter.status == Letter.Status.REPLIED
            and letter.publish_allowed
            and bool(reply and reply.approved_at),
            preview_url=reverse(self.preview_url_name, args=[letter.pk]),
            assign_form=assign_form or AssignForm(initial={"handler": letter.assigned_to_id}),
            draft_form=draft_form or DraftForm(initial={"text": reply_text}),
            state=letter.deadline_state(),
            left=letter.workdays_left(),
            deadline_changes=deadline_history(letter),
            published_url=letter.published_page.url if letter.published_page_id and letter.published_page.live else "",
        )
        return context

    def post(self, request, *args, **kwargs):
        letter, action = self.object, request.POST.get("action")
        try:
            if action == "approve":
                # Approving needs the reviewer's confirmation of the public text: it is given in the preview.
                if not request.user.has_perm("letters.approve_reply"):
                    raise PermissionDenied
                messages.warning(request, _("Check the public text and confirm it before the reply is approved."))
                return HttpResponseRedirect(reverse(self.preview_url_name, args=[letter.pk]))
            if action == "resend":
                reply = Reply.objects.filter(letter=letter, approved_at__isnull=False).first()
                if reply is None or not self.user_has_permission("change"):
                    raise PermissionDenied
                if workflow.send_reply(letter, reply):
                    messages.success(request, _("The reply was sent by e-mail."))
                else:
                    messages.error(request, _("The e-mail to the writer could not be sent."))
                return HttpResponseRedirect(request.path)
            if not self.user_has_permission("change"):
                raise PermissionDenied
            if action == "assign":
                form = AssignForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(assign_form=form))
                workflow.assign(letter, form.cleaned_data["handler"], request.user)
                messages.success(
                    request, _("The letter was assigned to %(user)s.") % {"user": form.cleaned_data["handler"].get_username()}
                )
            elif action == "draft":
                form = DraftForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(draft_form=form))
                workflow.save_draft(letter, form.cleaned_data["text"], request.user)
                messages.success(request, _("The draft reply was saved and awaits approval."))
            else:
                messages.error(request, _("Unknown action."))
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(request.path)


class AttachmentView(PersonalDataFileView):
    """Streams a letter's attachment to a user allowed to see personal data, and logs it."""

    model = Letter
    log_action = gettext_lazy("Download attachment")

    def get_file(self, letter):
        return letter.attachment, None

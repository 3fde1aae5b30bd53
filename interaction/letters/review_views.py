"""Admin: the reviewer's preview (the public text with every redaction marked, confirmed before a reply is approved or
a page published again), the dashboard panel of replies awaiting approval, and the privacy scan report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from cms.core.dates import chinese_date
from interaction.privacy.access import can_view, log_view
from interaction.privacy.redact import redact

from . import workflow
from .models import Letter, PublishedLetterPage, Reply
from .review import ConfirmationRefused, Decisions, Review, StaleReview, letter_source, page_source
from .scan import scan

APPROVE = "letters.approve_reply"


def may_approve(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(APPROVE))


class PreviewView(WagtailAdminTemplateMixin, TemplateView):
    """The public text a reviewer confirms. Subclasses say where the text comes from and what publishing does."""

    template_name = "letters/admin/preview.html"
    page_title = gettext_lazy("Check the public text")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not may_approve(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Set by the subclasses.
    def get_source(self):
        raise NotImplementedError

    def publish(self, confirmation) -> None:
        raise NotImplementedError

    def get_page_subtitle(self):
        source = self.get_source()
        return redact(source.texts["title"], source.names, source.known)

    @property
    def personal(self) -> bool:
        """Only a reviewer who may see personal data sees what a span hides, and so may restore it."""
        return can_view(self.request.user)

    def done_url(self) -> str:
        return reverse("wagtailadmin_home")

    def get(self, request, *args, **kwargs):
        if self.personal:
            log_view(request, self.logged_object(), _("Check the public text"))
        return self.show(Review(self.get_source()))

    def logged_object(self):
        return self.object

    def show(self, review: Review, status: int = 200):
        return self.render_to_response(self.get_context_data(review=review), status=status)

    def get_context_data(self, review: Review, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            review=review,
            fields=review.fields(),
            extra="\n".join(review.decisions.extra),
            personal=self.personal,
            publishes=self.publishes(),
            button=self.button_label(),
            back_url=self.done_url(),
        )
        return context

    def publishes(self) -> bool:
        return True

    def button_label(self) -> str:
        return _("Publish this text")

    def post(self, request, *args, **kwargs):
        current = Review(self.get_source())
        if request.POST.get("source") != current.source_digest:
            # The texts (or the redaction) changed since the preview: its choices no longer point at the same words.
            messages.error(request, _("The letter or its reply changed after the preview: check the public text again."))
            extra = Decisions.from_form((), (), request.POST.get("extra", ""), False).extra
            return self.show(current.decide(Decisions(extra=extra)), status=409)
        decisions = Decisions.from_form(
            current.keys(), request.POST.getlist("hide"), request.POST.get("extra", ""), may_restore=self.personal
        )
        review = current.decide(decisions)
        if request.POST.get("action") != "publish":
            return self.show(review)
        try:
            confirmation = review.confirm(request.POST.get("source"), request.POST.get("reviewed"))
        except StaleReview:
            messages.error(request, _("The letter or its reply changed after the preview: check the public text again."))
            return self.show(current.decide(Decisions(extra=decisions.extra)), status=409)
        except ConfirmationRefused:
            messages.warning(request, _("The public text below includes your changes: check it and confirm again."))
            return self.show(review)
        try:
            self.publish(confirmation)
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
            return self.show(review, status=409)
        return HttpResponseRedirect(self.done_url())


class LetterPreviewView(PreviewView):
    """A letter with its drafted reply (approve: send and publish) or an answered one (publish again)."""

    handle_url_name = "letters:edit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Letter.objects.select_related("category", "published_page"), pk=kwargs["pk"])
        self.reply = Reply.objects.filter(letter=self.object).first()

    def dispatch(self, request, *args, **kwargs):
        if may_approve(request.user) and self.mode() is None:
            messages.error(request, _("There is no public text of this letter to check."))
            return HttpResponseRedirect(self.done_url())
        return super().dispatch(request, *args, **kwargs)

    def mode(self) -> str | None:
        letter = self.object
        if letter.status == Letter.Status.DRAFTED and self.reply is not None:
            return "approve"
        if letter.status == Letter.Status.REPLIED and letter.publish_allowed and self.reply and self.reply.approved_at:
            return "republish"
        return None

    def get_source(self):
        return letter_source(self.object, self.reply)

    def done_url(self) -> str:
        return reverse(self.handle_url_name, args=[self.object.pk])

    def publishes(self) -> bool:
        return self.object.publish_allowed

    def button_label(self) -> str:
        if self.mode() == "republish":
            return _("Publish this text again")
        return _("Approve, send the reply and publish this text") if self.publishes() else _("Approve and send the reply")

    def publish(self, confirmation) -> None:
        letter, request = self.object, self.request
        if self.mode() == "republish":
            workflow.republish(letter, request.user, confirmation)
            messages.success(request, _("The answer was published again with the text you checked."))
            return
        reply = workflow.approve(letter, request.user, confirmation)
        messages.success(
            request,
            _("The reply was approved and sent; the answer is published.")
            if letter.publish_allowed
            else _("The reply was approved and sent."),
        )
        if letter.email and not reply.sent_at:
            messages.warning(
                request,
                _(
                    "The e-mail to the writer could not be sent; use “Send the reply "
                    "by e-mail again” later. The writer can read it with the tracking code."
                ),
            )


class PagePreviewView(PreviewView):
    """A published answer with no letter behind it: its own text, checked again."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(PublishedLetterPage, pk=kwargs["page_id"])
        self.letter = Letter.objects.filter(published_page=self.object).first()

    def dispatch(self, request, *args, **kwargs):
        if self.letter is not None:
            return HttpResponseRedirect(reverse("letters:preview", args=[self.letter.pk]))
        return super().dispatch(request, *args, **kwargs)

    def get_source(self):
        return page_source(self.object)

    def get(self, request, *args, **kwargs):
        return self.show(Review(self.get_source()))  # the page's text is public already: nothing personal to log

    def done_url(self) -> str:
        return reverse("letters:privacy_scan")

    def button_label(self) -> str:
        return _("Publish this text again")

    def publish(self, confirmation) -> None:
        workflow.republish_page(self.object, self.request.user, confirmation)
        messages.success(self.request, _("The answer was published again with the text you checked."))


class AwaitingApprovalPanel(Component):
    """Dashboard: the replies awaiting approval, oldest deadline first, with the subject redacted."""

    name = "letters_awaiting_approval"
    template_name = "letters/admin/awaiting_panel.html"
    order = 150
    limit = 20

    def get_context_data(self, parent_context):
        letters = Letter.objects.filter(status=Letter.Status.DRAFTED, reply__isnull=False).order_by("deadline", "pk")
        rows = [
            {
                "subject": letter.redacted_subject,
                "deadline": chinese_date(letter.deadline) if letter.deadline else "—",
                "url": reverse("letters:preview", args=[letter.pk]),
            }
            for letter in letters[: self.limit]
        ]
        return {"rows": rows, "total": letters.count()}


class PrivacyScanReportView(ReportView):
    """Reports: the published answers the current redaction would change, each linking to its preview."""

    page_title = gettext_lazy("Personal data on published answers")
    header_icon = "warning"
    index_url_name = "letters:privacy_scan"
    results_template_name = "letters/admin/privacy_scan_results.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_approve(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return scan()

    @property
    def columns(self):
        return [
            TitleColumn("title", label=gettext_lazy("Title"), accessor="page.title", get_url=lambda f: f.preview_url),
            Column("kinds", label=gettext_lazy("Would be hidden"), accessor="kinds_text"),
            Column("count", label=gettext_lazy("Items"), accessor="count"),
            TitleColumn(
                "edit", label=gettext_lazy("Page"), accessor=lambda f: f.page.url or f.page.url_path, get_url=lambda f: f.edit_url
            ),
        ]


class PrivacyScanMenuItem(MenuItem):
    def is_shown(self, request):
        return may_approve(request.user)

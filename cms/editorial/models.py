"""What the publishing checks read: the sensitive-word list (a snippet) and the check settings (a site-wide setting);
and the reviewers' approval task that refuses to approve while the checks fail."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import GroupApprovalTask, Page
from wagtail.search import index

from cms.editorial import refusals
from cms.editorial.checks import check_page


class SensitiveWord(index.Indexed, models.Model):
    """A word or phrase that must not be published as it stands (敏感词), with the wording to use instead."""

    word = models.CharField(_("word"), max_length=60, unique=True)
    replacement = models.CharField(
        _("suggested replacement"),
        max_length=60,
        blank=True,
        help_text=_("Shown to the editor; leave blank when the word must simply go."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("word"), FieldPanel("replacement"), FieldPanel("note")]
    search_fields = [index.SearchField("word"), index.AutocompleteField("word")]

    class Meta:
        ordering = ["word"]
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")

    def __str__(self) -> str:
        return self.word


@register_setting(icon="warning")
class PublishingChecks(BaseGenericSetting):
    """Which catalogue genres are formal documents that need a document number (文号) and a date written."""

    document_number_genres = models.ManyToManyField(
        "taxonomy.Genre",
        verbose_name=_("genres that need a document number"),
        blank=True,
        related_name="+",
        help_text=_(
            "A catalogue item of one of these genres cannot be published without its document number "
            "(文号) and date written (成文日期)."
        ),
    )

    panels = [FieldPanel("document_number_genres", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        verbose_name = _("publishing checks")


class PrePublicationApprovalTask(GroupApprovalTask):
    """Approval by the chosen groups, as Wagtail's group approval, except that "approve" is refused while the revision
    that would go live fails a pre-publication check: the refusal is logged, the task stays in progress, and the
    reviewer is sent to the page editor, which lists the problems. Rejecting (request changes) is never refused."""

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name == "approve" and isinstance(obj, Page):  # the checks read pages; a snippet is approved as usual
            page = obj.specific
            # On finishing, Wagtail publishes the latest revision (wagtail.workflows.publish_workflow_state).
            problems = check_page(page.get_latest_revision_as_object())
            if problems:
                entry = refusals.record(page, user, "approve", problems)
                return refusals.editor_url(page, entry)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, once the page passes the pre-publication checks")

    class Meta:
        verbose_name = _("approval after the pre-publication checks")
        verbose_name_plural = _("approvals after the pre-publication checks")

"""What the publishing checks read: the sensitive-word list (a snippet) and the check settings (a site-wide setting)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.search import index


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

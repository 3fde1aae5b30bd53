"""Special columns (专题专栏): a column with a banner, dates, sub-sections and its own article list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core import serializers as api
from cms.core.blocks import BodyBlock
from cms.core.listing import ListingPageMixin
from cms.core.models import IndexPage, SummaryMixin
from cms.core.tree import below


class ColumnIndexPage(IndexPage):
    """专题专栏: lists the columns, running ones first."""

    subpage_types = ["columns.SpecialColumnPage"]
    template = "columns/column_index_page.html"

    class Meta:
        verbose_name = _("special columns index")
        verbose_name_plural = _("special columns indexes")

    def columns(self):
        return SpecialColumnPage.objects.live().public().child_of(self).order_by("-start_date")

    listing_name = "columns"
    listing_per_page = 12

    def listing_items(self):
        return self.columns()


class ArticleListMixin(ListingPageMixin):
    """The column's (or section's) own list of articles, newest first."""

    listing_name = "articles"

    def articles(self):
        return below(ColumnArticlePage.objects.live().public(), self).order_by("-date", "-pk")

    def listing_items(self):
        return self.articles()


class SpecialColumnPage(ArticleListMixin, SummaryMixin, Page):
    """A special column on one theme, open from its start date to its end date."""

    api_fields = [
        APIField("summary"),
        APIField("banner", serializer=api.ImageSerializer()),
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro"),
    ]

    banner = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("banner image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave blank for a column that stays open."))
    intro = StreamField(BodyBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("banner"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("intro"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]
    parent_page_types = ["columns.ColumnIndexPage"]
    subpage_types = ["columns.ColumnSectionPage", "columns.ColumnArticlePage"]
    template = "columns/special_column_page.html"

    class Meta:
        verbose_name = _("special column")
        verbose_name_plural = _("special columns")

    @property
    def is_running(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    def sections(self):
        return ColumnSectionPage.objects.live().public().child_of(self)

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be earlier than the start date.")})


class ColumnSectionPage(ArticleListMixin, SummaryMixin, Page):
    """A sub-section of a special column."""

    api_fields = [APIField("summary")]

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["columns.SpecialColumnPage"]
    subpage_types = ["columns.ColumnArticlePage"]
    template = "columns/column_section_page.html"

    class Meta:
        verbose_name = _("column section")
        verbose_name_plural = _("column sections")


class ColumnArticlePage(SummaryMixin, Page):
    """An article inside a special column or one of its sections."""

    api_fields = [
        APIField("date"),
        APIField("source"),
        APIField("summary"),
        APIField("image", serializer=api.ImageSerializer()),
        APIField("body"),
    ]

    date = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=100, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("lead image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["columns.SpecialColumnPage", "columns.ColumnSectionPage"]
    subpage_types: list[str] = []
    template = "columns/column_article_page.html"

    class Meta:
        verbose_name = _("column article")
        verbose_name_plural = _("column articles")

    @property
    def display_date(self):
        return self.date

    @property
    def column(self):
        return SpecialColumnPage.objects.ancestor_of(self).first()

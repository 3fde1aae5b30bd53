"""News (工作动态): an index and articles; headline articles lead the home page."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core import serializers as api
from cms.core.blocks import BodyBlock
from cms.core.models import IndexPage, SummaryMixin


class NewsIndexPage(IndexPage):
    """A news column (工作动态, 通知公告 …): lists its articles, newest first, with a year filter."""

    subpage_types = ["news.NewsPage"]
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news column")
        verbose_name_plural = _("news columns")

    listing_name = "articles"
    listing_year_field = "date"
    listing_year_missing = _("There is no news from the year “%(year)s”; showing all years.")

    def articles(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")

    def listing_items(self):
        return self.articles()


class NewsPage(SummaryMixin, Page):
    """A news article."""

    api_fields = [
        APIField("date"),
        APIField("source"),
        APIField("author"),
        APIField("is_headline"),
        APIField("summary"),
        APIField("image", serializer=api.ImageSerializer()),
        APIField("body"),
    ]

    date = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=100, blank=True, help_text=_("来源"))
    author = models.CharField(_("author"), max_length=100, blank=True)
    is_headline = models.BooleanField(_("headline"), default=False, help_text=_("Lead the home page with this article."))
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("lead image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("source"), FieldPanel("author")]), FieldPanel("is_headline")],
            heading=_("Article"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "news/news_page.html"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def display_date(self):
        return self.date

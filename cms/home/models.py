"""The home page: lead news, latest disclosure items, policies, special columns, press conferences."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.columns.models import SpecialColumnPage
from cms.core.models import SummaryMixin
from cms.core.tree import below
from cms.disclosure.models import DisclosureItemPage
from cms.news.models import NewsIndexPage, NewsPage
from cms.policy.models import InterpretationPage, PolicyPage
from cms.press.models import PressConferencePage


class QuickLinkBlock(blocks.StructBlock):
    """A service entry on the home page (局长信箱, 信息公开指南, 依申请公开 …)."""

    label = blocks.CharBlock(label=_("Label"), max_length=30)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "link"
        label = _("Quick link")


class HomePage(SummaryMixin, Page):
    """The site's front page. Its lists fill themselves from what is published."""

    api_fields = [APIField("summary"), APIField("quick_links")]

    quick_links = StreamField([("link", QuickLinkBlock())], blank=True, verbose_name=_("quick links"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("quick_links")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        news = below(NewsPage.objects.live().public(), self).order_by("-date", "-pk")
        # The 工作动态 box: the first news column in the tree (通知公告 and other columns have their own pages), so
        # that its list and its 更多 link are the same column's.
        news_index = below(NewsIndexPage.objects.live().public(), self).order_by("path").first()
        context.update(
            headlines=news.filter(is_headline=True).select_related("image")[:3],
            news_index=news_index,
            latest_news=news.descendant_of(news_index)[:8] if news_index else news[:8],
            latest_items=below(DisclosureItemPage.objects.live().public(), self)
            .select_related("organ")
            .order_by("-publication_date", "-pk")[:8],
            latest_policies=below(PolicyPage.objects.live().public(), self).order_by("-publication_date", "-pk")[:6],
            latest_interpretations=below(InterpretationPage.objects.live().public(), self).order_by("-publication_date", "-pk")[
                :6
            ],
            columns=below(SpecialColumnPage.objects.live().public(), self).select_related("banner").order_by("-start_date")[:4],
            conferences=below(PressConferencePage.objects.live().public(), self).order_by("-starts_at")[:3],
        )
        return context

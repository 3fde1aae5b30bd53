"""Site-wide settings (footer identity the census requires) and the generic content page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.listing import ListingPageMixin


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who runs the site: shown in every page footer, as the national website rules require."""

    organiser = models.CharField(_("organiser"), max_length=120, blank=True, help_text=_("主办单位"))
    site_code = models.CharField(_("site identification code"), max_length=20, blank=True, help_text=_("网站标识码"))
    icp_number = models.CharField(_("ICP filing number"), max_length=60, blank=True, help_text=_("ICP备案号"))
    police_number = models.CharField(_("public security filing number"), max_length=60, blank=True, help_text=_("公安机关备案号"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number")],
            heading=_("Identity"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone")], heading=_("Contact")),
    ]

    class Meta:
        verbose_name = _("site identity")


class SummaryMixin(models.Model):
    """A plain-text summary used by listings, search results and share cards."""

    summary = models.TextField(_("summary"), blank=True, max_length=500)

    class Meta:
        abstract = True


class StandardPage(SummaryMixin, Page):
    """A generic page: 机构概况, 政民互动 introductions, contact details and the like."""

    api_fields = [APIField("summary"), APIField("body")]

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    template = "core/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class IndexPage(ListingPageMixin, SummaryMixin, Page):
    """A section's index page (news columns, press conferences, special columns): a summary, then its children a
    page at a time (ListingPageMixin); a subclass names its children, template and listing."""

    api_fields = [APIField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True


class Generation(models.Model):
    """The content generation: one row every process reads; it moves whenever published content changes
    (cms/core/changes.py). Its table keeps the name it had when it belonged to the page cache."""

    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "pagecache_generation"

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
    police_link = models.URLField(
        _("public security filing link"),
        blank=True,
        help_text=_("Where the 公安机关备案号 links to; blank: the national filing system's page for the number."),
    )
    site_domain = models.CharField(
        _("site domain"), max_length=120, blank=True, help_text=_("网站域名 for the SiteDomain tag; blank: the site's hostname.")
    )
    party_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("party and government website mark"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("党政机关网站标识: the mark image issued with the site's registration, shown in the footer."),
    )
    party_mark_link = models.URLField(
        _("party and government website mark link"), blank=True, help_text=_("The registration page the mark links to.")
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("联系我们: linked from every page footer."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("site_code"),
                FieldPanel("site_domain"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("police_link"),
                FieldPanel("party_mark"),
                FieldPanel("party_mark_link"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("contact_page")], heading=_("Contact")
        ),
    ]

    class Meta:
        verbose_name = _("site identity")

    @property
    def police_url(self) -> str:
        """The 公安机关备案号's link: the one given, else the national filing system's page for the number."""
        if self.police_link:
            return self.police_link
        digits = "".join(c for c in self.police_number if c.isdigit())
        return f"https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}" if digits else ""


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

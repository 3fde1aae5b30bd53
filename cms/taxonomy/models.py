"""Issuing organs (发布机构, with their codes), topics (主题分类) and genres (体裁分类)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

organ_code_validator = RegexValidator(
    r"^[0-9A-Z]{6,20}$",
    _("An organ code is 6 to 20 digits or capital letters, e.g. 11430000006220052X."),
)


class Organ(index.Indexed, models.Model):
    """An issuing organ. Its code starts every index number (索引号) it issues."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    code = models.CharField(
        _("organ code"),
        max_length=20,
        unique=True,
        validators=[organ_code_validator],
        help_text=_("The organisation code or unified social credit code, e.g. 11430000006220052X."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"), FieldPanel("order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("code")]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("issuing organ")
        verbose_name_plural = _("issuing organs")

    def __str__(self) -> str:
        return self.name


class Term(index.Indexed, models.Model):
    """A term in a flat vocabulary; the slug is what filters put in URLs."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(Term):
    """主题分类: 综合政务, 财政, 国有资产监管, 机关事务 …"""

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Genre(Term):
    """体裁分类: 通知, 意见, 办法, 公告, 报告, 批复 …"""

    class Meta(Term.Meta):
        verbose_name = _("genre")
        verbose_name_plural = _("genres")

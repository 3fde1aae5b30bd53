"""The disclosure catalogue: its root, nested categories, disclosed items, guide, rules, annual reports.

Every disclosed item (and every policy, interpretation and annual report, which extend it) carries
the standard metadata block: index number, organ, document number, dates, topic, genre, keywords,
validity.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core import serializers as api
from cms.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from cms.core.models import SummaryMixin
from cms.disclosure.index_numbers import IndexSequence, validate_index_number
from cms.disclosure.listing import CatalogueListingMixin
from cms.disclosure.report_fields import ReportFiguresField
from cms.disclosure.report_format import Figures

__all__ = [
    "IndexSequence",
    "CatalogueIndexPage",
    "CategoryPage",
    "DisclosureItemPage",
    "DisclosureAttachment",
    "DisclosureGuidePage",
    "DisclosureRulesPage",
    "AnnualReportPage",
    "AnnualReportSettings",
]

ITEM_TYPES = [
    "disclosure.DisclosureItemPage",
    "policy.PolicyPage",
    "policy.InterpretationPage",
    "disclosure.AnnualReportPage",
]


class Validity(models.TextChoices):
    VALID = "valid", _("In force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")


class CatalogueIndexPage(CatalogueListingMixin, SummaryMixin, Page):
    """信息公开目录: the root of the catalogue; lists and filters every item below it."""

    api_fields = [APIField("summary"), APIField("intro")]

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    subpage_types = ["disclosure.CategoryPage", "disclosure.DisclosureGuidePage", "disclosure.DisclosureRulesPage"]
    parent_page_types = ["home.HomePage"]
    template = "disclosure/catalogue_index_page.html"

    class Meta:
        verbose_name = _("disclosure catalogue")
        verbose_name_plural = _("disclosure catalogues")

    @property
    def catalogue(self) -> CatalogueIndexPage:
        return self


class CategoryPage(CatalogueListingMixin, SummaryMixin, Page):
    """A category of the catalogue (机构概况, 政策文件, 财政资金 …); categories nest."""

    api_fields = [APIField("summary"), APIField("intro")]

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["disclosure.CatalogueIndexPage", "disclosure.CategoryPage"]
    subpage_types = ["disclosure.CategoryPage", *ITEM_TYPES, "disclosure.DisclosureGuidePage", "disclosure.DisclosureRulesPage"]
    template = "disclosure/category_page.html"

    class Meta:
        verbose_name = _("catalogue category")
        verbose_name_plural = _("catalogue categories")

    @cached_property
    def catalogue(self) -> CatalogueIndexPage | None:
        return CatalogueIndexPage.objects.ancestor_of(self).first()


class DisclosureItemPage(SummaryMixin, Page):
    """A disclosed item with the standard metadata block shown above its body."""

    api_fields = [
        APIField("index_number"),
        APIField("organ", serializer=api.OrganSerializer()),
        APIField("co_organs", serializer=api.OrganSerializer(many=True)),
        APIField("document_number"),
        APIField("date_written"),
        APIField("publication_date"),
        APIField("topic", serializer=api.TermSerializer()),
        APIField("genre", serializer=api.TermSerializer()),
        APIField("keywords"),
        APIField("validity"),
        APIField("current_validity"),
        APIField("effective_date"),
        APIField("expiry_date"),
        APIField("summary"),
        APIField("body"),
        APIField("attachments", serializer=api.AttachmentSerializer(many=True)),
    ]

    index_number = models.CharField(
        _("index number"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_index_number],
        help_text=_(
            "索引号. Leave blank: it is generated on first publication and never changes afterwards. "
            "Fill it in only to keep the number of an item imported from an older site."
        ),
    )
    organ = models.ForeignKey(
        "taxonomy.Organ", verbose_name=_("issuing organ"), on_delete=models.PROTECT, null=True, blank=False, related_name="items"
    )
    co_organs = ParentalManyToManyField(
        "taxonomy.Organ", verbose_name=_("joint issuing organs"), blank=True, related_name="joint_items"
    )
    document_number = models.CharField(
        _("document number"), max_length=80, blank=True, help_text=_("文号, e.g. 湘机管发〔2016〕3号. Optional.")
    )
    date_written = models.DateField(_("date written"), null=True, blank=True, help_text=_("成文日期"))
    publication_date = models.DateField(_("publication date"), default=timezone.localdate, help_text=_("发布日期"))
    topic = models.ForeignKey(
        "taxonomy.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=False, related_name="items"
    )
    genre = models.ForeignKey(
        "taxonomy.Genre", verbose_name=_("genre"), on_delete=models.PROTECT, null=True, blank=False, related_name="items"
    )
    keywords = models.CharField(_("keywords"), max_length=200, blank=True, help_text=_("主题词, separated by spaces or commas."))
    validity = models.CharField(_("validity"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("index_number"),
                FieldRowPanel([FieldPanel("organ"), FieldPanel("document_number")]),
                FieldPanel("co_organs"),
                FieldRowPanel([FieldPanel("date_written"), FieldPanel("publication_date")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                FieldPanel("keywords"),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
            ],
            heading=_("Disclosure metadata"),
        ),
    ]
    content_panels = (
        Page.content_panels
        + metadata_panels
        + [
            FieldPanel("summary"),
            FieldPanel("body"),
            InlinePanel("attachments", label=_("Attachments")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("index_number"),
        index.SearchField("document_number"),
        index.SearchField("keywords"),
        index.RelatedFields("organ", [index.SearchField("name")]),
        index.FilterField("publication_date"),
        index.FilterField("validity"),
        index.FilterField("organ"),
        index.FilterField("topic"),
        index.FilterField("genre"),
    ]
    parent_page_types = ["disclosure.CategoryPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["index_number"]
    template = "disclosure/disclosure_item_page.html"

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        indexes = [models.Index(fields=["-publication_date"], name="item_pubdate_idx")]

    # -- what the templates and listings read -------------------------------------------------

    @property
    def current_validity(self) -> str:
        """Validity as of today: an item whose expiry date has passed is expired without anyone touching it."""
        if self.validity == Validity.VALID and self.expiry_date and self.expiry_date < timezone.localdate():
            return Validity.EXPIRED
        return self.validity

    @property
    def current_validity_label(self) -> str:
        return Validity(self.current_validity).label

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", " ").replace(",", " ").split() if k]

    @property
    def category(self) -> Page | None:
        return self.get_parent()

    @property
    def display_date(self) -> datetime.date:
        return self.publication_date

    # -- validation -----------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        others = DisclosureItemPage.objects.exclude(pk=self.pk) if self.pk else DisclosureItemPage.objects.all()

        if self.pk and self.first_published_at:
            published_number = DisclosureItemPage.objects.filter(pk=self.pk).values_list("index_number", flat=True).first()
            if published_number and self.index_number != published_number:
                errors.setdefault("index_number", []).append(
                    ValidationError(
                        _("The index number cannot change after publication; it stays %(number)s."),
                        params={"number": published_number},
                        code="index_number_locked",
                    )
                )
        if self.index_number:
            clash = others.filter(index_number=self.index_number).first()
            if clash:
                errors.setdefault("index_number", []).append(
                    ValidationError(
                        _("Index number %(number)s is already used by “%(title)s”."),
                        params={"number": self.index_number, "title": clash.title},
                        code="duplicate_index_number",
                    )
                )

        if self.document_number:
            self.document_number = self.document_number.strip()
            clash = others.filter(organ_id=self.organ_id, document_number=self.document_number).first()
            if self.organ_id and clash:
                errors.setdefault("document_number", []).append(
                    ValidationError(
                        _("Document number %(number)s is already used by “%(title)s” from the same organ."),
                        params={"number": self.document_number, "title": clash.title},
                        code="duplicate_document_number",
                    )
                )

        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors.setdefault("expiry_date", []).append(
                ValidationError(_("The expiry date cannot be earlier than the effective date."), code="expiry_before_effective")
            )
        if self.date_written and self.publication_date and self.date_written > self.publication_date:
            errors.setdefault("date_written", []).append(
                ValidationError(_("The date written cannot be later than the publication date."), code="written_after_published")
            )
        if errors:
            raise ValidationError(errors)

    # -- index number allocation ------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if self.live and not self.index_number and self.organ_id:
            year = (self.publication_date or timezone.localdate()).year
            self.index_number = IndexSequence.allocate(
                self.organ, year, taken=lambda n: DisclosureItemPage.objects.filter(index_number=n).exists()
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = list(kwargs["update_fields"]) + ["index_number"]
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision never carries the index number back: the number on the live row wins."""
        obj = super().with_content_json(content)
        if self.index_number:
            obj.index_number = self.index_number
        return obj


class DisclosureAttachment(Orderable):
    """A document attached to a disclosed item (the original file, forms, tables)."""

    page = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Shown instead of the document's own title when given.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def label(self) -> str:
        return self.title or self.document.title


class CatalogueTextPage(SummaryMixin, Page):
    """A fixed text page inside the catalogue."""

    api_fields = [APIField("summary"), APIField("body"), APIField("last_reviewed")]

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("last_reviewed"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["disclosure.CatalogueIndexPage", "disclosure.CategoryPage"]
    subpage_types: list[str] = []
    template = "disclosure/catalogue_text_page.html"

    class Meta:
        abstract = True


class DisclosureGuidePage(CatalogueTextPage):
    """信息公开指南: how to find information and how to ask for it."""

    max_count_per_parent = 1
    template = CatalogueTextPage.template  # Wagtail gives each class its own default unless it says so

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")


class DisclosureRulesPage(CatalogueTextPage):
    """信息公开制度: the office's rules on disclosure."""

    template = CatalogueTextPage.template

    class Meta:
        verbose_name = _("disclosure rules")
        verbose_name_plural = _("disclosure rules")


class AnnualReportPage(DisclosureItemPage):
    """信息公开年报: the annual disclosure report, one per year, due by 31 January, in the national format of 2021.

    Its tables (二, 三, 四) are `figures`, drawn from the site's records by `manage.py annual_report` or the admin's
    *Generate annual report* (cms/disclosure/report_generator.py) and editable by staff; the text sections are the
    editors'. A report whose figures do not add up cannot be published (editorial's pre-publication checks)."""

    api_fields = DisclosureItemPage.api_fields + [
        APIField("report_year"),
        APIField("overview"),
        APIField("figures"),
        APIField("problems_and_improvements"),
        APIField("other_matters"),
        APIField("report_body"),
    ]

    report_year = models.PositiveSmallIntegerField(_("report year"), unique=True)
    overview = RichTextField(_("overall situation"), blank=True, features=RICH_TEXT_FEATURES)
    figures = ReportFiguresField(
        _("figures (tables 二, 三 and 四)"),
        default=dict,
        blank=True,
        help_text=_(
            "Drawn from the site's records when the report is generated; correct or complete them here (reconsideration "
            "and litigation, fees). Totals are computed. Table 三 must add up: received + carried over = handled + "
            "carried forward, in every column."
        ),
    )
    problems_and_improvements = RichTextField(_("problems and improvements"), blank=True, features=RICH_TEXT_FEATURES)
    other_matters = RichTextField(_("other matters"), blank=True, features=RICH_TEXT_FEATURES)
    report_body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("further sections"),
        help_text=_("Anything else the report needs, after the six sections (or the whole text of a report written by hand)."),
    )

    content_panels = (
        DisclosureItemPage.content_panels[:1]
        + [FieldPanel("report_year")]
        + DisclosureItemPage.content_panels[1:]
        + [
            FieldPanel("overview"),
            FieldPanel("figures"),
            FieldPanel("problems_and_improvements"),
            FieldPanel("other_matters"),
            FieldPanel("report_body"),
        ]
    )
    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("overview"),
        index.SearchField("problems_and_improvements"),
        index.SearchField("other_matters"),
        index.SearchField("report_body"),
    ]
    template = "disclosure/annual_report_page.html"

    class Meta:
        verbose_name = _("annual disclosure report")
        verbose_name_plural = _("annual disclosure reports")
        ordering = ["-report_year"]

    @property
    def report_figures(self) -> Figures:
        return Figures(self.figures or {})

    @property
    def has_format(self) -> bool:
        """True for a report in the 2021 format (generated, or with figures entered); older ones are free text."""
        return bool(self.figures)

    def figure_problems(self) -> list[str]:
        """Why the figures cannot be published (empty when they add up)."""
        return self.report_figures.problems() if self.has_format else []

    def clean(self) -> None:
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.report_year and AnnualReportPage.objects.exclude(pk=self.pk).filter(report_year=self.report_year).exists():
            errors.setdefault("report_year", []).append(
                ValidationError(
                    _("There is already an annual report for %(year)s."),
                    params={"year": self.report_year},
                    code="duplicate_report_year",
                )
            )
        if errors:
            raise ValidationError(errors)


@register_setting(icon="doc-full")
class AnnualReportSettings(BaseGenericSetting):
    """Which catalogue genres the annual report counts as 规章 and as 行政规范性文件 (table 二); policies count by their
    own kind (policy_level)."""

    rules_genres = models.ManyToManyField(
        "taxonomy.Genre",
        verbose_name=_("genres counted as 规章"),
        blank=True,
        related_name="+",
        help_text=_(
            "Published catalogue items of these genres are counted as rules (规章) in table 二; a policy counts by its own kind."
        ),
    )
    normative_genres = models.ManyToManyField(
        "taxonomy.Genre",
        verbose_name=_("genres counted as 行政规范性文件"),
        blank=True,
        related_name="+",
        help_text=_(
            "Published catalogue items of these genres are counted as normative documents (行政规范性文件) in "
            "table 二; a policy counts by its own kind."
        ),
    )

    panels = [
        FieldPanel("rules_genres", widget=forms.CheckboxSelectMultiple),
        FieldPanel("normative_genres", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("annual report")

"""The service catalogue: ServiceIndexPage (事项清单, under 办事服务) lists ServiceGuidePage, one per service item,
whose fields are the whole guide. A guide missing any key element the national rules name cannot be published
(`publication_problems`, read by cms.editorial's pre-publication checks)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.listing import ListingPageMixin
from cms.core.models import SummaryMixin

from .blocks import BasisList, MaterialList, StepList


class Applicants(models.TextChoices):
    UNITS = "units", _("Units (省直单位, public institutions)")
    PUBLIC = "public", _("The public")
    BOTH = "both", _("Units and the public")


class ItemKind(models.TextChoices):
    LICENCE = "licence", _("Administrative licence (行政许可)")
    FILING = "filing", _("Filing (备案)")
    SERVICE = "service", _("Public service (公共服务)")
    OTHER = "other", _("Other administrative power")


class OnlineForm(models.TextChoices):
    REPAIR = "repair", _("Office-space repair application (typed form)")
    ENERGY = "energy", _("Energy-saving project filing (typed form)")
    BUILDER = "builder", _("Form assembled below")
    NONE = "none", _("No online application")


# The key elements of a guide (《政府网站发展指引》, 检查指标 veto): field name → label, in the rules' order.
KEY_ELEMENTS = [
    ("title", _("Name of the service (事项名称)")),
    ("basis", _("Legal basis (设定依据)")),
    ("conditions", _("Conditions (申请条件)")),
    ("materials", _("Materials (办理材料)")),
    ("place", _("Where (办理地点)")),
    ("hours", _("When (办理时间)")),
    ("phone", _("Telephone (联系电话)")),
    ("steps", _("Steps (办理流程)")),
]


class ServiceIndexPage(ListingPageMixin, SummaryMixin, Page):
    """事项清单: the service items below it, browsable by applicant type and topic."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    listing_name = "guides"
    listing_per_page = 50
    subpage_types = ["services.ServiceGuidePage"]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]
    api_fields = [APIField("summary"), APIField("intro")]
    template = "services/service_index_page.html"

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")

    def all_guides(self):
        return ServiceGuidePage.objects.child_of(self).live().public().select_related("topic").order_by("item_code", "title")

    def listing_items(self):
        guides = self.all_guides()
        request = getattr(self, "_request", None)
        if request is not None:
            applicants = request.GET.get("applicants", "")
            if applicants in (Applicants.UNITS, Applicants.PUBLIC):
                guides = guides.filter(applicants__in=[applicants, Applicants.BOTH])
            topic = request.GET.get("topic", "")
            if topic:
                guides = guides.filter(topic__slug=topic)
        return guides

    def get_context(self, request, *args, **kwargs):
        self._request = request
        context = super().get_context(request, *args, **kwargs)
        topics = {g.topic for g in self.all_guides() if g.topic_id}
        context.update(
            applicant_choices=[(Applicants.UNITS.value, gettext("Units")), (Applicants.PUBLIC.value, gettext("The public"))],
            applicants=request.GET.get("applicants", ""),
            topics=sorted(topics, key=lambda t: t.name),
            topic=request.GET.get("topic", ""),
        )
        return context


@dataclass
class DiagramBox:
    number: int
    name: str
    actor: str
    y: int

    @property
    def text_y(self) -> int:
        return self.y + 26

    @property
    def actor_y(self) -> int:
        return self.y + 46

    @property
    def arrow_y1(self) -> int:
        return self.y + 60

    @property
    def arrow_y2(self) -> int:
        return self.y + 84


class ServiceGuidePage(SummaryMixin, Page):
    """办事指南 of one service item: every element as a field; the online application (a typed form or the form
    assembled from `form_fields`) is served by interaction.services."""

    item_code = models.CharField(_("item code"), max_length=40, blank=True, help_text=_("事项编码"))
    kind = models.CharField(_("kind of item"), max_length=20, choices=ItemKind.choices, default=ItemKind.LICENCE)
    applicants = models.CharField(_("who may apply"), max_length=10, choices=Applicants.choices, default=Applicants.UNITS)
    topic = models.ForeignKey(
        "taxonomy.Topic", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    basis = StreamField(BasisList(), blank=True, verbose_name=_("legal basis (设定依据)"))
    conditions = RichTextField(_("conditions (申请条件)"), blank=True, features=RICH_TEXT_FEATURES)
    materials = StreamField(MaterialList(), blank=True, verbose_name=_("materials (办理材料)"))
    place = models.CharField(_("where (办理地点)"), max_length=200, blank=True)
    hours = models.CharField(_("when (办理时间)"), max_length=200, blank=True)
    phone = models.CharField(_("telephone (联系电话)"), max_length=100, blank=True)
    supervision_phone = models.CharField(_("complaints telephone (监督电话)"), max_length=100, blank=True)
    steps = StreamField(StepList(), blank=True, verbose_name=_("steps (办理流程)"))
    statutory_workdays = models.PositiveSmallIntegerField(_("statutory time limit (working days)"), null=True, blank=True)
    promised_workdays = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"), default=20, help_text=_("承诺时限: counted from acceptance.")
    )
    fees = models.CharField(_("fees"), max_length=200, default="不收费")
    result_name = models.CharField(_("result"), max_length=60, default="批复", help_text=_("批复, 备案通知 …"))
    office = models.CharField(_("responsible office"), max_length=100, blank=True)
    online_form = models.CharField(_("online application"), max_length=10, choices=OnlineForm.choices, default=OnlineForm.BUILDER)
    disclose_results = models.BooleanField(
        _("results are disclosed"),
        default=False,
        help_text=_("The result document of a decided case can be published in the catalogue's 行政审批 category."),
    )
    document_prefix = models.CharField(
        _("document number prefix"), max_length=40, blank=True, help_text=_("e.g. 湘机管审 — numbers read 湘机管审〔2026〕12号.")
    )

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types: list[str] = []
    template = "services/service_guide_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("item_code"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("applicants"), FieldPanel("topic")]),
        FieldPanel("basis"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("hours"),
                FieldPanel("phone"),
                FieldPanel("supervision_phone"),
                FieldPanel("office"),
            ],
            heading=_("Where, when, who"),
        ),
        FieldPanel("steps"),
        FieldRowPanel([FieldPanel("promised_workdays"), FieldPanel("statutory_workdays")]),
        FieldRowPanel([FieldPanel("fees"), FieldPanel("result_name")]),
    ]
    application_panels = [
        FieldPanel("online_form"),
        FieldRowPanel([FieldPanel("disclose_results"), FieldPanel("document_prefix")]),
        InlinePanel("form_fields", label=_("Form fields (when the form is assembled here)")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Guide")),
            ObjectList(application_panels, heading=_("Online application")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("conditions"),
        index.SearchField("materials"),
        index.SearchField("steps"),
        index.SearchField("office"),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "summary",
            "item_code",
            "kind",
            "applicants",
            "basis",
            "conditions",
            "materials",
            "place",
            "hours",
            "phone",
            "steps",
            "statutory_workdays",
            "promised_workdays",
            "fees",
            "result_name",
            "office",
        )
    ]

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")

    # -- the key elements ---------------------------------------------------------------------------------

    def missing_elements(self) -> list[str]:
        """Labels of the key elements this guide lacks (empty when complete)."""
        return [label for _name, label in self.missing_fields()]

    def missing_fields(self) -> list[tuple[str, str]]:
        """(field name, label) of the key elements this guide lacks."""
        missing = []
        for name, label in KEY_ELEMENTS:
            value = getattr(self, name)
            if name == "conditions":
                present = bool(get_text_for_indexing(value or "").strip())
            elif name in ("basis", "materials", "steps"):
                present = bool(value) and len(value) > 0
            else:
                present = bool((value or "").strip())
            if not present:
                missing.append((name, str(label)))
        return missing

    def publication_problems(self) -> list[tuple[str, str]]:
        """What stops this guide from being published, as (field, message in an editor's words) pairs
        (cms.editorial.checks reads it and marks the field)."""
        return [
            (name, gettext("The service guide lacks a key element: %(element)s.") % {"element": element})
            for name, element in self.missing_fields()
        ]

    # -- for the templates ---------------------------------------------------------------------------------

    def diagram(self) -> dict:
        """The steps as boxes top to bottom, for an SVG drawn on the server (no script)."""
        boxes = [
            DiagramBox(number=i + 1, name=step.value["name"], actor=step.value.get("actor") or "", y=i * 84)
            for i, step in enumerate(self.steps)
        ]
        return {"boxes": boxes, "height": max(len(boxes) * 84 - 24, 60), "last": len(boxes)}

    @property
    def takes_applications(self) -> bool:
        return self.online_form != OnlineForm.NONE

    @property
    def for_units(self) -> bool:
        return self.applicants in (Applicants.UNITS, Applicants.BOTH)

    @property
    def for_public(self) -> bool:
        return self.applicants in (Applicants.PUBLIC, Applicants.BOTH)


class ServiceFormField(AbstractFormField):
    """A field of a service's application form assembled by its editor (Wagtail's form builder fields)."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="form_fields")

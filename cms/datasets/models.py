"""Datasets as pages (数据开放 section, one DatasetPage per dataset) with their schema (columns), charts, releases
(each update kept with its own rows and schema) and the log of every read of shared (共享) data.

Rows are stored in one table with typed, indexed slot columns (n0…n5 numbers, t0…t5 text and codes, d0…d2 dates)
beside the row as JSON, so filtering, sorting and paging a release of a million rows is an index range scan on
SQLite and PostgreSQL alike. A release's columns are mapped to slots when it is imported and the mapping is kept
with the release."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from cms.core.models import SummaryMixin
from govcms.storage import private_storage

# What the pages answer, filled in by the app's ready() from views.py and catalogue.py (which import these models).
HANDLERS: dict = {}

SLOTS = {"n": 6, "t": 6, "d": 3}  # numbers, text/codes, dates
TEXT_MAX = 200


class ColumnType(models.TextChoices):
    TEXT = "text", _("Text")
    INTEGER = "integer", _("Integer")
    DECIMAL = "decimal", _("Decimal")
    DATE = "date", _("Date (YYYY-MM-DD)")
    CODE = "code", _("Code from a list")


SLOT_KIND = {
    ColumnType.TEXT: "t",
    ColumnType.CODE: "t",
    ColumnType.INTEGER: "n",
    ColumnType.DECIMAL: "n",
    ColumnType.DATE: "d",
}


class Access(models.TextChoices):
    OPEN = "open", _("Open (开放): everyone")
    SHARED = "shared", _("Shared (共享): granted units and systems only")
    CLOSED = "closed", _("Not disclosed (不予公开): staff only")


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("Yearly")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")
    IRREGULAR = "irregular", _("Irregularly")


class DatasetIndexPage(SummaryMixin, Page):
    """数据开放: the catalogue of datasets, with filters and search."""

    api_fields = [APIField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]
    subpage_types = ["datasets.DatasetPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "datasets/dataset_index_page.html"

    class Meta:
        verbose_name = _("open data catalogue")
        verbose_name_plural = _("open data catalogues")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(HANDLERS["catalogue"](self, request))
        return context


class DatasetPage(RoutablePageMixin, SummaryMixin, Page):
    """One dataset: its metadata, schema and charts; its rows come in releases."""

    description = models.TextField(_("description"), blank=True)
    organ = models.ForeignKey(
        "taxonomy.Organ", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("publishing organ")
    )
    topic = models.ForeignKey(
        "taxonomy.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("topic")
    )
    source_system = models.ForeignKey(
        "integrations.System",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source business system"),
    )
    frequency = models.CharField(_("update frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL)
    licence = models.CharField(_("licence"), max_length=200, default="CC BY 4.0（署名 4.0 国际）")
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    temporal_coverage = models.CharField(_("time covered"), max_length=60, blank=True, help_text=_("e.g. 2016—2025"))
    spatial_coverage = models.CharField(_("area covered"), max_length=60, blank=True, help_text=_("e.g. 湖南省"))
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.OPEN)
    granted_units = ParentalManyToManyField("units.Unit", blank=True, verbose_name=_("units granted (共享)"))
    granted_systems = ParentalManyToManyField(
        "integrations.System", blank=True, related_name="+", verbose_name=_("business systems granted (共享)")
    )
    # The column labels and descriptions as one text, kept on save so that the site search finds them.
    column_text = models.TextField(editable=False, blank=True, default="")

    api_fields = [APIField("summary"), APIField("description"), APIField("frequency"), APIField("access")]
    search_fields = Page.search_fields + [index.SearchField("description"), index.SearchField("column_text")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organ"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("source_system")]),
                FieldRowPanel([FieldPanel("temporal_coverage"), FieldPanel("spatial_coverage")]),
                FieldPanel("licence"),
                FieldPanel("contact"),
                FieldPanel("keywords"),
            ],
            heading=_("Metadata"),
        ),
        InlinePanel("columns", label=_("Columns (schema)"), min_num=1),
        InlinePanel("charts", label=_("Charts")),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("access"), FieldPanel("granted_units"), FieldPanel("granted_systems")],
            heading=_("Access"),
        )
    ]
    parent_page_types = ["datasets.DatasetIndexPage"]
    subpage_types: list[str] = []
    template = "datasets/dataset_page.html"

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    # -- routes -------------------------------------------------------------------------------------------

    @path("")
    def dataset(self, request):
        return HANDLERS["dataset"](self, request)

    @re_path(r"^releases/(?P<key>[-\w.]+)/$")
    def release_view(self, request, key):
        return HANDLERS["dataset"](self, request, key)

    @re_path(r"^download/(?P<fmt>csv|xlsx|json)/$")
    def download(self, request, fmt):
        return HANDLERS["download"](self, request, fmt)

    # -- schema and releases ------------------------------------------------------------------------------

    def schema(self) -> list[dict]:
        """The current columns as the importer reads them, each with its slot."""
        return assign_slots(
            [
                {
                    "name": c.name,
                    "label": c.label,
                    "type": c.type,
                    "unit": c.unit,
                    "required": c.required,
                    "codes": c.code_list(),
                }
                for c in self.columns.all()
            ]
        )

    def published_releases(self):
        return self.releases.filter(status=Release.Status.PUBLISHED).order_by("-release_date", "-pk")

    def current_release(self) -> Release | None:
        return self.published_releases().first()

    # -- access -------------------------------------------------------------------------------------------

    def is_public(self) -> bool:
        return self.access == Access.OPEN

    def save(self, *args, **kwargs):
        self.column_text = " ".join(part for c in self.columns.all() for part in (c.label, c.name, c.unit, c.description) if part)
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:  # a full save (creation, publication), not a draft's bookkeeping
            self.sync_restriction()
        return result

    def sync_restriction(self) -> None:
        """A shared or staff-only dataset carries a login restriction, so that every public channel built on
        Page.objects.public() — sitemap, search, feeds, the pages API, the page cache — leaves it out; the page
        itself decides who among signed-in people may read it."""
        restrictions = PageViewRestriction.objects.filter(page=self)
        if self.is_public():
            restrictions.filter(restriction_type=PageViewRestriction.LOGIN).delete()
        elif not restrictions.exists():
            PageViewRestriction.objects.create(page=self, restriction_type=PageViewRestriction.LOGIN)


def assign_slots(columns: list[dict]) -> list[dict]:
    """Each column gets the next free slot of its kind (n, t, d), or none when they are used up (then it is kept
    in the row's JSON but cannot be filtered or sorted on)."""
    used = {kind: 0 for kind in SLOTS}
    for column in columns:
        kind = SLOT_KIND[column["type"]]
        if used[kind] < SLOTS[kind]:
            column["slot"] = f"{kind}{used[kind]}"
            used[kind] += 1
        else:
            column["slot"] = None
    return columns


class DatasetColumn(Orderable):
    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="columns")
    name = models.SlugField(
        _("column name"), max_length=40, help_text=_("Latin letters, digits and underscores, e.g. total_kgce; the CSV header")
    )
    label = models.CharField(_("Chinese label"), max_length=60, help_text=_("e.g. 综合能耗总量; also accepted as the CSV header"))
    type = models.CharField(_("type"), max_length=10, choices=ColumnType.choices, default=ColumnType.TEXT)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. kgce, m², 辆, 万元"))
    required = models.BooleanField(_("required"), default=True, help_text=_("A row with this cell empty is refused."))
    codes = models.TextField(_("codes"), blank=True, help_text=_("For a code column: the allowed values, one a line."))
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("type"), FieldPanel("unit"), FieldPanel("required")]),
        FieldPanel("codes"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def __str__(self) -> str:
        return f"{self.label} ({self.name})"

    def code_list(self) -> list[str]:
        return [line.strip() for line in (self.codes or "").splitlines() if line.strip()]


class DatasetChart(Orderable):
    class Kind(models.TextChoices):
        LINE = "line", _("Line over time")
        BAR = "bar", _("Bars by category")

    class Aggregate(models.TextChoices):
        SUM = "sum", _("Sum")
        AVG = "avg", _("Average")

    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="charts")
    title = models.CharField(_("title"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BAR)
    x_column = models.SlugField(_("category or time column"), max_length=40, help_text=_("e.g. year or unit"))
    y_column = models.SlugField(_("value column"), max_length=40, help_text=_("a number column, e.g. total_kgce"))
    aggregate = models.CharField(_("combine rows by"), max_length=5, choices=Aggregate.choices, default=Aggregate.SUM)
    limit = models.PositiveSmallIntegerField(_("at most bars"), default=15)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("aggregate"), FieldPanel("limit")]),
        FieldRowPanel([FieldPanel("x_column"), FieldPanel("y_column")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("chart")
        verbose_name_plural = _("charts")


class Release(models.Model):
    """One update of a dataset, kept with its rows and the schema it was imported with."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be imported")
        IMPORTING = "importing", _("Importing")
        FAILED = "failed", _("Refused")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    dataset = models.ForeignKey(DatasetPage, on_delete=models.CASCADE, related_name="releases", verbose_name=_("dataset"))
    key = models.CharField(_("release key"), max_length=100, help_text=_("Unique within the dataset, e.g. 2025 or 2025-q3."))
    release_date = models.DateField(_("release date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    columns = models.JSONField(_("schema"), default=list)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_done = models.PositiveBigIntegerField(default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors found"), default=0)
    source_name = models.CharField(_("file"), max_length=200, blank=True)
    source_file = models.FileField(upload_to="datasets/uploads/", blank=True, storage=private_storage, max_length=255)
    system = models.ForeignKey(
        "integrations.System", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pushed by")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-release_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["dataset", "key"], name="datasets_release_key")]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"{self.dataset.title} · {self.key}"

    @property
    def progress(self) -> int:
        if self.status == self.Status.PUBLISHED:
            return 100
        return int(100 * self.bytes_done / self.bytes_total) if self.bytes_total else 0

    def column(self, name: str) -> dict | None:
        return next((c for c in self.columns if c["name"] == name), None)


def _slot_fields():
    fields = {}
    for i in range(SLOTS["n"]):
        fields[f"n{i}"] = models.FloatField(null=True)
    for i in range(SLOTS["t"]):
        fields[f"t{i}"] = models.CharField(max_length=TEXT_MAX, null=True)
    for i in range(SLOTS["d"]):
        fields[f"d{i}"] = models.DateField(null=True)
    return fields


SLOT_NAMES = list(_slot_fields())


class Row(models.Model):
    """One row of a release: its values in column order as JSON, and the same values typed in slots for queries."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="rows", db_index=False)
    n = models.PositiveIntegerField()
    values = models.JSONField()
    locals().update(_slot_fields())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "n"], name="datasets_row_n")]
        indexes = [models.Index(fields=["release", slot], name=f"datasets_row_{slot}") for slot in SLOT_NAMES]


class AccessLog(models.Model):
    """Every read of a shared (共享) or staff-only dataset: who (person, unit or system), what and how."""

    dataset = models.ForeignKey(DatasetPage, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    system = models.ForeignKey("integrations.System", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=20)  # page, download, api
    path = models.CharField(max_length=500)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("shared data read")
        verbose_name_plural = _("shared data reads")

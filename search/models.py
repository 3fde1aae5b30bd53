"""Search tables: the embedded engine's documents, the durable index queue, editors' synonyms, extracted attachment text."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchEntry(models.Model):
    """One live public page as the embedded engine stores it: display fields and facet keys.

    Its segmented text lives in the engine's own full-text table (SQLite FTS5 or a PostgreSQL tsvector), keyed by page id.
    """

    page_id = models.BigIntegerField(primary_key=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text of the page, for snippets.")
    attachment_text = models.TextField(blank=True)
    index_number = models.CharField(max_length=40, blank=True, db_index=True)
    document_number = models.CharField(max_length=80, blank=True, db_index=True)
    page_type = models.CharField(max_length=100, db_index=True)
    section = models.CharField(max_length=255, blank=True, db_index=True)
    organ = models.CharField(max_length=20, blank=True, db_index=True)
    topic = models.CharField(max_length=60, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    validity = models.CharField(max_length=10, blank=True, db_index=True)
    expiry_date = models.DateField(null=True)
    date = models.DateField(null=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "search entry"
        # Covers the embedded engine's in-memory facet table (sitesearch/engines/columns.py), so loading it reads
        # this narrow index rather than the wide rows with their text.
        indexes = [
            models.Index(
                fields=["section", "page_type", "organ", "topic", "year", "validity", "date", "indexed_at"],
                name="sitesearch_entry_facets",
            )
        ]


class IndexState(models.Model):
    """Per engine: whether a rebuild is under way. `generation` is no longer written: the facet table follows the
    one content generation (cms/core/changes.py); the column stays so the table needs no change.
    """

    engine = models.CharField(max_length=20, primary_key=True)
    generation = models.PositiveBigIntegerField(default=0)
    rebuilding_since = models.DateTimeField(null=True, help_text="Set while `search_rebuild` fills a new index.")


class IndexTask(models.Model):
    """A page (or document) whose index entry must be brought up to date, per engine; kept until an engine accepts it.

    A task says only *which* page: the processor reads the page's state at that time (live and public → index it,
    otherwise → remove it), so tasks coalesce and replaying one is always safe.
    """

    engine = models.CharField(max_length=20)
    page_id = models.BigIntegerField()
    reason = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped when the page changes again while queued.")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True)
    applied_during_rebuild = models.BooleanField(
        default=False,
        help_text="Applied to the index in use while a rebuild was filling a new one: kept, and applied "
        "again to the new index once it is swapped in, so the change is not lost.",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engine", "page_id"], name="sitesearch_task_engine_page")]
        ordering = ["id"]


class AttachmentText(models.Model):
    """Text extracted from an uploaded document, cached by the file's hash so a rebuild does not parse it again."""

    document_id = models.BigIntegerField(primary_key=True)
    file_hash = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=255, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)


_SPLIT = re.compile(r"[,，、;；\s]+")


class SynonymRule(models.Model):
    """同义词: a word people type and the words it should also find (公车 → 公务用车)."""

    term = models.CharField(_("word searched"), max_length=60, unique=True, help_text=_("e.g. 公车"))
    synonyms = models.CharField(
        _("also find"),
        max_length=255,
        help_text=_("Words this one should also find, separated by commas or spaces, e.g. 公务用车"),
    )
    two_way = models.BooleanField(
        _("both ways"), default=False, help_text=_("Also find the word searched when someone types one of the other words.")
    )

    panels = [FieldPanel("term"), FieldPanel("synonyms"), FieldPanel("two_way")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return f"{self.term} → {self.synonyms}"

    def clean(self) -> None:
        self.term = self.term.strip()
        self.synonyms = "，".join(self.synonym_list)

    @property
    def synonym_list(self) -> list[str]:
        return [s for s in _SPLIT.split(self.synonyms or "") if s and s != self.term]


class BestBet(models.Model):
    """推荐结果: a page editors pin above the results for the queries that should find it first."""

    queries = models.CharField(
        _("search words"),
        max_length=255,
        help_text=_("The queries this page answers, separated by commas, e.g. 车补，公务交通补贴. Spaces and case are ignored."),
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    note = models.CharField(_("note"), max_length=120, blank=True, help_text=_("Shown under the title, e.g. 办事指南."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first, when several match."))

    panels = [FieldPanel("queries"), FieldPanel("page"), FieldPanel("note"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("best bet")
        verbose_name_plural = _("best bets")

    def __str__(self) -> str:
        return f"{self.queries} → {self.page}"

    @property
    def query_list(self) -> list[str]:
        return [q for q in (normalise_query(q) for q in _SPLIT_QUERIES.split(self.queries or "")) if q]


_SPLIT_QUERIES = re.compile(r"[,，、;；\n]+")


def normalise_query(text: str) -> str:
    """A query as analytics and best bets compare it: lower case, no spaces, no control characters (PostgreSQL
    refuses a NUL in text), at most 100 characters."""
    return "".join(ch for ch in "".join((text or "").lower().split()) if ch.isprintable())[:100]


class QueryStat(models.Model):
    """Search analytics: per week and query, how often it was searched, found nothing, and had a result opened.

    Nothing about who searched is kept: no address, no session, no time finer than the week.
    """

    week = models.DateField(help_text="The Monday of the week.")
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="sitesearch_querystat_week_query")]
        indexes = [models.Index(fields=["week", "-searches"], name="sitesearch_querystat_top")]
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")

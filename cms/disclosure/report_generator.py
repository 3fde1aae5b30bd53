"""Generating an annual report: a draft AnnualReportPage for a year with its figures drawn from the site's own records.

Figures come from the functions registered with the Wagtail hook `register_annual_report_figures`. Each is called
with the year and returns {figure key: value} for the figures it knows (keys in report_format.FIGURE_KEYS); later hooks
win. cms.policy registers table 二's 规章 and 行政规范性文件 (policies by their kind, other catalogue items by the genres
chosen under *Settings → 年度报告*); interaction.disclosure_requests registers table 三. Figures no hook gives
(licences until a source registers them, penalties, fees, reconsideration and litigation) start at 0 and are entered
by staff in the page editor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page, Site

from cms.core.models import SiteIdentity
from cms.disclosure.models import AnnualReportPage, AnnualReportSettings, CategoryPage, DisclosureItemPage, Validity
from cms.disclosure.report_format import (
    DOCUMENT_KINDS,
    FIGURE_KEYS,
    document_key,
)
from cms.taxonomy.models import Genre, Organ, Topic

HOOK = "register_annual_report_figures"


class ReportError(Exception):
    """A report cannot be generated; the message says why, in one line."""


@dataclass
class Collected:
    values: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # figure key -> the hook function that gave it


def collect_figures(year: int) -> Collected:
    """Every figure the registered sources know for `year`."""
    collected = Collected()
    for source in hooks.get_hooks(HOOK):
        figures = source(year) or {}
        for key, value in figures.items():
            if key not in FIGURE_KEYS:
                raise ImproperlyConfigured(f"{source.__module__}.{source.__qualname__} gave the unknown figure {key!r}")
            collected.values[key] = value
            collected.sources[key] = f"{source.__module__}.{source.__qualname__}"
    return collected


# -- table 二 from the catalogue ---------------------------------------------------------------------------


def document_figures(year: int, kinds: dict[str, Q]) -> dict:
    """规章 and 行政规范性文件 made, repealed and in force at the end of `year`, among the live catalogue items that
    `kinds` ({"rules": Q, "normative": Q}) selects. A document is made on its date written (else its publication date)
    and in force from then until its expiry date (失效日期) inclusive, so it counts as repealed in the year of the day
    after; one marked 废止 or 失效 without an expiry date is not in force, and not counted as repealed in any year.
    Year by year: in force = in force the year before + made − repealed."""
    year_end = dt.date(year, 12, 31)
    issued = Q(date_written__isnull=False, date_written__year=year) | Q(date_written__isnull=True, publication_date__year=year)
    issued_by_end = Q(date_written__isnull=False, date_written__lte=year_end) | Q(
        date_written__isnull=True, publication_date__lte=year_end
    )
    lapsed = Q(expiry_date__gte=dt.date(year - 1, 12, 31), expiry_date__lt=year_end)
    in_force = issued_by_end & (Q(expiry_date__gte=year_end) | Q(expiry_date__isnull=True, validity=Validity.VALID))
    figures = {}
    for kind, _label in DOCUMENT_KINDS:
        items = DisclosureItemPage.objects.live().filter(kinds[kind]).exclude(annualreportpage__isnull=False)
        figures[document_key(kind, "made")] = items.filter(issued).count()
        figures[document_key(kind, "repealed")] = items.filter(lapsed).count()
        figures[document_key(kind, "in_force")] = items.filter(in_force).count()
    return figures


def genre_kinds() -> dict[str, Q]:
    """The catalogue items counted as 规章 and 行政规范性文件 by their genre (Settings → 年度报告)."""
    settings = AnnualReportSettings.load()
    return {kind: Q(genre__in=getattr(settings, f"{kind}_genres").all()) for kind, _label in DOCUMENT_KINDS}


# -- the draft page -----------------------------------------------------------------------------------------


def reports_parent(parent: Page | None = None) -> Page:
    """Where a new report goes: the given page, else where the last report is, else the category with slug ndbg."""
    if parent is not None:
        parent = parent.specific
        if not isinstance(parent, CategoryPage):
            message = _("Annual reports go under a catalogue category; “%(title)s” is not one.")
            raise ReportError(message % {"title": parent.title})
        return parent
    last = AnnualReportPage.objects.order_by("-report_year").first()
    if last is not None:
        return last.get_parent().specific
    category = CategoryPage.objects.filter(slug="ndbg").first()
    if category is None:
        raise ReportError(_("No catalogue category for annual reports was found; name one (its page id)."))
    return category


def overview_counts(year: int, parent: Page) -> str:
    """A first paragraph for 一、总体情况 with what the site itself counts: pages first published in the year."""
    site = parent.get_site()
    root = site.root_page if site else Page.objects.filter(depth=2).first()
    published = Page.objects.live().descendant_of(root).filter(first_published_at__year=year)
    items = DisclosureItemPage.objects.live().filter(publication_date__year=year)
    return (
        f"<p>{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，通过门户网站发布信息{published.count()}条，"
        f"其中政府信息公开目录主动公开政府信息{items.count()}条。</p>"
    )


def overview_draft(year: int, parent: Page) -> str:
    return (
        overview_counts(year, parent)
        + "<p>（请编辑补充主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面的情况。）</p>"
    )


def report_title(year: int, parent: Page) -> str:
    site = parent.get_site() or Site.objects.filter(is_default_site=True).first()
    organiser = SiteIdentity.for_site(site).organiser if site else ""
    return f"{organiser}{year}年政府信息公开工作年度报告"


@transaction.atomic
def generate_report(year: int, *, user=None, parent: Page | None = None, refresh: bool = False) -> tuple[AnnualReportPage, bool]:
    """Create the draft report for `year` (True), or with `refresh` redraw the figures of the existing one in a new
    draft revision (False), keeping what staff entered for figures no source gives. Raises ReportError."""
    if not 2000 <= year <= 2100:
        raise ReportError(_("%(year)s is not a report year.") % {"year": year})
    collected = collect_figures(year)
    existing = AnnualReportPage.objects.filter(report_year=year).first()
    if existing is not None:
        if not refresh:
            raise ReportError(
                _("There is already an annual report for %(year)s (page %(id)s); refresh its figures instead.")
                % {"year": year, "id": existing.pk}
            )
        draft = existing.get_latest_revision_as_object()
        figures = {key: (draft.figures or {}).get(key, 0) for key in FIGURE_KEYS}
        figures.update(collected.values)
        draft.figures = figures
        draft.save_revision(user=user, log_action=True)
        return AnnualReportPage.objects.get(pk=existing.pk), False

    parent = reports_parent(parent)
    previous = AnnualReportPage.objects.filter(report_year__lt=year).order_by("-report_year").first()
    figures = {key: 0 for key in FIGURE_KEYS}
    figures["fees"] = "0"
    figures.update(collected.values)
    page = AnnualReportPage(
        title=report_title(year, parent),
        slug=f"nb-{year}",
        report_year=year,
        live=False,
        summary=_("The %(year)s annual report on government information disclosure.") % {"year": year},
        body=(
            "<p>本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
            f"（国办公开办函〔2021〕30号）要求编制，统计期限为{year}年1月1日至12月31日。</p>"
        ),
        overview=overview_draft(year, parent),
        figures=figures,
        keywords="年度报告 政府信息公开",
    )
    if previous is not None:  # the catalogue metadata of last year's report
        page.organ_id, page.topic_id, page.genre_id = previous.organ_id, previous.topic_id, previous.genre_id
        page.co_organs = list(previous.co_organs.all())
    else:  # the first organ, the topic 综合政务 and the genre 报告 where they exist
        page.organ = Organ.objects.first()
        page.topic = Topic.objects.filter(name="综合政务").first() or Topic.objects.first()
        page.genre = Genre.objects.filter(name="报告").first() or Genre.objects.first()
        if not (page.organ and page.topic and page.genre):
            raise ReportError(_("Add an issuing organ, a topic and a genre under Classification first."))
    if Page.objects.child_of(parent).filter(slug=page.slug).exists():
        page.slug = f"nb-{year}-report"
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user)
    return page, True

"""Updates: the home page within 2 weeks, a publication date on every item, every column against the frequency of
its kind, with the census's veto counts (5+ stale news/notice/policy columns, 10+ stale columns, 5+ empty ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from cms.columns.models import ColumnArticlePage, ColumnSectionPage, SpecialColumnPage
from cms.core.tree import below
from cms.disclosure.models import CategoryPage, DisclosureItemPage
from cms.news.models import NewsIndexPage, NewsPage
from cms.press.models import PressConferencePage, PressIndexPage
from interaction.letters.models import PublishedLetterPage

from ..models import ColumnKind, ColumnRule
from ..registry import Result, shared

# The dated content of the site: each model with the date a visitor reads as its publication date.
DATED = [
    (DisclosureItemPage, "publication_date"),  # policies, interpretations and annual reports too
    (NewsPage, "date"),
    (ColumnArticlePage, "date"),
    (PressConferencePage, "starts_at"),
    (PublishedLetterPage, "replied_date"),
]
# The listing pages that are columns (栏目) in the census's sense.
COLUMN_MODELS = [NewsIndexPage, CategoryPage, SpecialColumnPage, ColumnSectionPage, PressIndexPage]
HOME_DAYS = 14
NEWS_VETO, STALE_VETO, EMPTY_VETO = 5, 10, 5


def _edit(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _explore(page_id: int) -> str:
    return reverse("wagtailadmin_explore", args=[page_id])


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def latest_date(under: Page, today: dt.date) -> dt.date | None:
    """The newest publication date (not later than today) of the live public items below `under`."""
    dates = []
    for model, field in DATED:
        query = below(model.objects.live().public(), under)
        if model is PressConferencePage:
            query = query.filter(starts_at__lt=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time())))
        else:
            query = query.filter(**{f"{field}__lte": today})
        dates.append(_as_date(query.aggregate(newest=Max(field))["newest"]))
    return max((d for d in dates if d), default=None)


def warn_margin(days: int) -> int:
    """How many days before its deadline a column is flagged: a seventh of its period, at least 2 days."""
    return max(2, days // 7)


def home_page() -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def home_updated(now: dt.datetime) -> Result:
    today = timezone.localdate(now)
    home = home_page()
    result = Result(
        "home.updated",
        "首页更新",
        f"首页须在{HOME_DAYS}天内有更新（无发布日期的信息视为未更新）；超期为单项否决",
        "pass",
        veto=True,
    )
    if home is None:
        result.status, result.summary = "fail", "没有首页"
        return result
    latest = latest_date(home, today)
    result.fix_url = _explore(home.pk)
    if latest is None:
        result.status, result.summary = "fail", "首页下没有任何有发布日期的信息"
        return result
    age = (today - latest).days
    result.summary = f"最近一条信息发布于{latest:%Y年%m月%d日}，距今{age}天"
    if age > HOME_DAYS:
        result.status = "fail"
    elif age > HOME_DAYS - warn_margin(HOME_DAYS):
        result.status = "warn"
        result.summary += f"，{HOME_DAYS - age}天后超期"
    return result


def publication_dates(now: dt.datetime) -> Result:
    """Live items without a publication date, or dated after today (a date no one can have published on)."""
    today = timezone.localdate(now)
    items = []
    for model, field in DATED:
        if model is PressConferencePage:
            continue  # a conference announced ahead is dated in the future on purpose
        query = model.objects.live().public()
        for page in query.filter(**{f"{field}__isnull": True}).only("id", "title")[:200]:
            items.append({"title": f"{page.title}（无发布日期）", "url": _edit(page.pk)})
        for page in query.filter(**{f"{field}__gt": today}).only("id", "title")[:200]:
            items.append({"title": f"{page.title}（发布日期晚于今天）", "url": _edit(page.pk)})
    return Result(
        "content.publication_date",
        "信息发布日期",
        "每条信息须有发布日期，且不得晚于当天",
        "fail" if items else "pass",
        items=items,
        summary=f"{len(items)} 条信息的发布日期缺失或不实" if items else "每条信息都有发布日期",
    )


@dataclass
class Column:
    page: Page
    kind: str
    days: int | None
    latest: dt.date | None
    empty: bool
    today: dt.date

    @property
    def age(self) -> int | None:
        return (self.today - self.latest).days if self.latest else None

    @property
    def stale(self) -> bool:
        return self.days is not None and not self.empty and (self.latest is None or self.age > self.days)

    @property
    def near(self) -> bool:
        if self.days is None or self.latest is None or self.stale:
            return False
        return self.age > self.days - warn_margin(self.days)

    def item(self, note: str) -> dict:
        return {"title": f"{self.page.title}（{note}）", "url": _explore(self.page.pk)}


def guess_kind(page: Page) -> str:
    """A column's kind from its type and title, when no editor has set it."""
    title = page.title
    if isinstance(page, PressIndexPage) or "发布会" in title:
        return ColumnKind.YEARLY
    if "通知" in title or "公告" in title:
        return ColumnKind.NOTICE
    if any(word in title for word in ("动态", "要闻", "新闻", "资讯")):
        return ColumnKind.NEWS
    if any(word in title for word in ("政策", "文件", "法规", "规章", "解读")):
        return ColumnKind.POLICY
    return ColumnKind.YEARLY


def columns(now: dt.datetime) -> list[Column]:
    """Every live column with its kind, required frequency, newest item and emptiness."""
    today = timezone.localdate(now)
    rules = {rule.page_id: rule for rule in ColumnRule.objects.all()}
    kind_days = getattr(settings, "HEALTH_COLUMN_DAYS", {})
    parent_categories = set(CategoryPage.objects.live().filter(depth__gt=1).values_list("path", flat=True))
    found = []
    for model in COLUMN_MODELS:
        for page in model.objects.live().public().order_by("path"):
            rule = rules.get(page.pk)
            if rule is not None:
                kind = rule.kind
            elif isinstance(page, CategoryPage) and any(p.startswith(page.path) and p != page.path for p in parent_categories):
                kind = ColumnKind.EXEMPT  # a category with sub-categories: its items are counted in those
            elif isinstance(page, SpecialColumnPage) and page.end_date and page.end_date < today:
                kind = ColumnKind.EXEMPT  # a special column that has closed
            else:
                kind = guess_kind(page)
            if kind == ColumnKind.EXEMPT:
                continue
            days = (rule.max_days if rule and rule.max_days else None) or kind_days.get(kind)
            latest = latest_date(page, today)
            empty = latest is None and not any(below(m.objects.live().public(), page).exists() for m, _ in DATED)
            found.append(Column(page, kind, days, latest, empty, today))
    return found


def _columns_at(now: dt.datetime) -> list[Column]:
    """The columns once per report (three rules read them)."""
    return shared(f"columns {now.isoformat()}", lambda: columns(now))


def _rules_url() -> str:
    return reverse("health_column_rules:index")


def _stale_note(col: Column) -> str:
    if col.latest is None:
        return "无有效日期的信息"
    return f"{col.latest:%Y-%m-%d}后未更新，超过{col.days}天"


def news_columns(now: dt.datetime) -> Result:
    cols = [c for c in _columns_at(now) if c.kind in (ColumnKind.NEWS, ColumnKind.NOTICE, ColumnKind.POLICY)]
    stale = [c for c in cols if c.stale]
    near = [c for c in cols if c.near]
    status = "fail" if len(stale) >= NEWS_VETO else "warn" if stale or near else "pass"
    items = [c.item(_stale_note(c)) for c in stale] + [c.item(f"{c.days - c.age}天后超期") for c in near]
    return Result(
        "columns.news",
        "动态、通知公告、政策文件类栏目更新",
        f"动态、要闻类栏目2周内须更新，通知公告、政策文件类6个月内须更新；合计{NEWS_VETO}个及以上未更新为单项否决",
        status,
        veto=True,
        items=items,
        fix_url=_rules_url(),
        summary=f"{len(cols)} 个栏目中 {len(stale)} 个未按期更新，{len(near)} 个即将超期",
    )


def stale_columns(now: dt.datetime) -> Result:
    cols = _columns_at(now)
    stale = [c for c in cols if c.stale]
    near = [c for c in cols if c.near]
    status = "fail" if len(stale) >= STALE_VETO else "warn" if stale or near else "pass"
    return Result(
        "columns.stale",
        "栏目按期更新",
        f"每个栏目按其类别的频率更新（规划计划、人事、财政等至少每年）；{STALE_VETO}个及以上应更新未更新为单项否决",
        status,
        veto=True,
        items=[c.item(_stale_note(c)) for c in stale] + [c.item(f"{c.days - c.age}天后超期") for c in near],
        fix_url=_rules_url(),
        summary=f"{len(cols)} 个栏目中 {len(stale)} 个超过更新期限，{len(near)} 个即将超期",
    )


def empty_columns(now: dt.datetime) -> Result:
    cols = _columns_at(now)
    empty = [c for c in cols if c.empty]
    status = "fail" if len(empty) >= EMPTY_VETO else "warn" if empty else "pass"
    return Result(
        "columns.empty",
        "空白栏目",
        f"栏目不得空白；{EMPTY_VETO}个及以上空白栏目为单项否决",
        status,
        veto=True,
        items=[c.item("没有任何信息") for c in empty],
        fix_url=_rules_url(),
        summary=f"{len(empty)} 个空白栏目",
    )

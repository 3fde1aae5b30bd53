"""The page rules of the 《政府网站发展指引》 (2017): the meta tags every page carries (SiteName, SiteDomain, SiteIDCode,
ColumnName, ColumnDescription, ColumnKeywords, ColumnType) and articles carry as well (ArticleTitle, PubDate,
ContentSource), from the site identity setting and the page's own fields; and a page title that does not repeat the
site's name."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from cms.core.models import SiteIdentity

# ColumnType: the function of the column (the guidelines' 信息发布, 解读回应, 办事服务, 互动交流), by the app of the
# column's page type; a page type may say otherwise with a `column_type` attribute. National terms, not translated.
COLUMN_TYPES = {
    "home": "首页",
    "disclosure": "信息公开",
    "policy": "信息公开",
    "news": "信息发布",
    "columns": "信息发布",
    "core": "信息发布",
    "press": "解读回应",
    "letters": "互动交流",
    "disclosure_requests": "互动交流",
    "errorreports": "互动交流",
    "interaction": "互动交流",
}
DEFAULT_COLUMN_TYPE = "信息发布"


def is_article(page: Page | type[Page]) -> bool:
    """An article (文章页): a page (or page type) with a date of its own (catalogue items, policies, news, press
    conferences, column articles, published letters), as opposed to a column or a fixed page."""
    return hasattr(page if isinstance(page, type) else type(page), "display_date")


def column_of(page: Page) -> Page:
    """The column a page belongs to: an article's parent, any other page itself."""
    if is_article(page):
        parent = page.get_parent()
        if parent is not None and parent.depth > 1:
            return parent.specific
    return page


def column_type(page: Page) -> str:
    return getattr(page, "column_type", None) or COLUMN_TYPES.get(page._meta.app_label, DEFAULT_COLUMN_TYPE)


def _description(page: Page) -> str:
    text = page.search_description or getattr(page, "summary", "") or ""
    return " ".join(strip_tags(text).split())[:200] or page.title


def _keywords(page: Page, site: Site | None) -> str:
    """The column's own words: its title and the titles of the sections above it (below the home page)."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=(site.root_page.depth if site else 2))
    titles = [p.title for p in ancestors] or [page.title]
    return ",".join(dict.fromkeys(titles))


def pub_date(page: Page) -> str:
    """PubDate as the guidelines write it, YYYY-MM-DD HH:MM (Beijing time): the page's own date, with the time it was
    first published when that was on the same day."""
    date = page.display_date
    first = page.first_published_at and timezone.localtime(page.first_published_at)
    if isinstance(date, dt.datetime):
        moment = timezone.localtime(date) if timezone.is_aware(date) else date
    elif first and first.date() == date:
        moment = first
    else:
        moment = dt.datetime.combine(date, dt.time(0, 0))
    return moment.strftime("%Y-%m-%d %H:%M")


def content_source(page: Page, identity: SiteIdentity | None) -> str:
    """ContentSource: the news source, else the issuing organ, else the site's organiser."""
    source = getattr(page, "source", "") or ""
    if not source and getattr(page, "organ_id", None):
        source = page.organ.name
    return source or (identity.organiser if identity else "")


def site_name(site: Site | None, identity: SiteIdentity | None) -> str:
    return (site.site_name if site else "") or (identity.organiser if identity else "")


def page_meta(
    page: Page | None, site: Site | None, identity: SiteIdentity | None, column_name: str = ""
) -> list[tuple[str, str]]:
    """The (name, content) pairs of the guidelines' meta tags for `page` (None: a view that is not a page, named
    `column_name`)."""
    meta = [
        ("SiteName", site_name(site, identity)),
        ("SiteDomain", (identity.site_domain if identity else "") or (site.hostname if site else "")),
        ("SiteIDCode", identity.site_code if identity else ""),
    ]
    if page is None:
        name = column_name or site_name(site, identity)
        return meta + [("ColumnName", name), ("ColumnDescription", name), ("ColumnKeywords", name), ("ColumnType", "信息发布")]
    column = column_of(page)
    meta += [
        ("ColumnName", column.title),
        ("ColumnDescription", _description(column)),
        ("ColumnKeywords", _keywords(column, site)),
        ("ColumnType", column_type(column)),
    ]
    if is_article(page):
        meta += [("ArticleTitle", page.title), ("PubDate", pub_date(page)), ("ContentSource", content_source(page, identity))]
    return meta


def page_title(title: str, site_title: str) -> str:
    """ "<page> - <site>", unless the page's title already holds the site's name (the home page, most often)."""
    title = (title or "").strip()
    if not site_title or site_title in title:
        return title or site_title
    return f"{title} - {site_title}" if title else site_title

"""A bare site (a home page at the default Site) to grow column by column, and helpers to add dated content."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from cms.disclosure.models import CatalogueIndexPage, CategoryPage
from cms.home.models import HomePage
from cms.news.models import NewsIndexPage, NewsPage
from tests.factories import publish

TZ = timezone.get_default_timezone()


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.fixture
def home(db, empty_cache) -> HomePage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="health-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "省机关事务管理局"}
    )
    return home


def news_column(parent, title: str, slug: str, *dates: dt.date) -> NewsIndexPage:
    column = publish(parent, NewsIndexPage(title=title, slug=slug))
    for i, day in enumerate(dates):
        publish(column, NewsPage(title=f"{title}文章{i}", slug=f"{slug}-{i}", date=day, body=[("paragraph", "<p>正文。</p>")]))
    return column


def category(parent, title: str, slug: str) -> CategoryPage:
    return publish(parent, CategoryPage(title=title, slug=slug))


def catalogue(home) -> CatalogueIndexPage:
    return publish(home, CatalogueIndexPage(title="政府信息公开目录", slug="xxgk"))

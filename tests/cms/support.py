"""Helpers for the content-model tests: a small page tree and a check for messages shown to editors."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page, Site

from cms.disclosure.models import CatalogueIndexPage, CategoryPage, DisclosureItemPage
from cms.home.models import HomePage
from cms.taxonomy.models import Genre, Organ, Topic
from tests.factories import publish


class SmallTree:
    """home → catalogue → category, two organs, one topic and one genre: enough for items and numbers."""

    def __init__(self):
        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="首页", slug="small-home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": self.home, "site_name": "测试"}
        )
        self.organ = Organ.objects.create(name="湖南省机关事务管理局", code="11430000006220052X")
        self.organ2 = Organ.objects.create(name="湖南省财政厅", code="114300000061000000")
        self.topic = Topic.objects.create(name="机关事务", slug="jgsw")
        self.genre = Genre.objects.create(name="通知", slug="tz")
        self.catalogue = publish(self.home, CatalogueIndexPage(title="政府信息公开目录", slug="xxgk"))
        self.category = publish(self.catalogue, CategoryPage(title="通知公告", slug="tzgg"))
        self._n = 0

    def draft(self, *, parent=None, model=DisclosureItemPage, **attrs) -> DisclosureItemPage:
        """Add an unpublished item (with a first revision), as an editor's "save draft" does."""
        self._n += 1
        attrs.setdefault("title", f"事项{self._n}")
        attrs.setdefault("slug", f"item-{self._n}")
        attrs.setdefault("organ", self.organ)
        attrs.setdefault("topic", self.topic)
        attrs.setdefault("genre", self.genre)
        attrs.setdefault("publication_date", datetime.date(2016, 3, 15))
        page = model(live=False, **attrs)
        (parent or self.category).add_child(instance=page)
        page.save_revision()
        return model.objects.get(pk=page.pk)

    def published(self, **attrs) -> DisclosureItemPage:
        page = self.draft(**attrs)
        page.get_latest_revision().publish()
        return page.__class__.objects.get(pk=page.pk)


def error_shown(html: str, error) -> bool:
    """Whether a ValidationError's message is in `html`, as the Chinese or the English interface words it."""
    for language in ("zh-hans", "en"):
        with translation.override(language):
            text = str(error.message)
            if error.params:
                text = text % error.params
            if escape(text) in html:
                return True
    return False


def form_error_codes(form, field: str) -> list:
    return [e.code for e in form.errors.as_data().get(field, [])]

"""Content already published: sensitive words (错敏词, the list in cms/editorial) in live pages, policies past their
expiry date still marked in force, and pages with images lacking alternative text."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.disclosure.models import DisclosureItemPage, Validity
from cms.editorial.checks import collect_references, sensitive_words

from ..pages import live_pages
from ..registry import Result, shared


def scan(now: dt.datetime) -> dict:
    """One pass over the live pages (once per report): the sensitive words and the images without alt text."""
    return shared("content scan", _scan)


def _scan() -> dict:
    words, alt = [], []
    described = None
    for page in live_pages():
        problems = sensitive_words(page)
        if problems:
            words.append((page, problems))
        refs = collect_references(page)
        missing = len(refs.missing_alt)
        needing = {pk for _, pk, needs in refs.images if needs}
        if needing:
            if described is None:
                described = set(get_image_model().objects.exclude(description="").values_list("pk", flat=True))
            missing += len(needing - described)
        if missing:
            alt.append((page, missing))
    return {"words": words, "alt": alt}


def _edit(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def sensitive_words_published(now: dt.datetime) -> Result:
    found = scan(now)["words"]
    return Result(
        "content.sensitive_words",
        "已发布内容错敏词",
        "已发布页面不得含有敏感词表（设置 → 敏感词）中的错敏词",
        "fail" if found else "pass",
        items=[
            {"title": f"{page.title}（{'；'.join(str(p) for p in problems[:3])}）", "url": _edit(page)}
            for page, problems in found[:200]
        ],
        fix_url=reverse("wagtailsnippets_editorial_sensitiveword:list"),
        summary=f"{len(found)} 个已发布页面含有错敏词" if found else "没有发现错敏词",
    )


def expired_in_force(now: dt.datetime) -> Result:
    today = timezone.localdate(now)
    pages = (
        DisclosureItemPage.objects.live()
        .filter(validity=Validity.VALID, expiry_date__lt=today)
        .order_by("expiry_date")
        .only("id", "title", "expiry_date")
    )
    count = pages.count()
    return Result(
        "content.expired_in_force",
        "过期政策仍标为有效",
        "失效日期已过的文件须将有效性改为失效或废止（页面已自动显示为失效）",
        "warn" if count else "pass",
        items=[{"title": f"{p.title}（{p.expiry_date:%Y-%m-%d}失效）", "url": _edit(p)} for p in pages[:200]],
        summary=f"{count} 份文件已过失效日期仍标为有效",
    )


def images_alt_text(now: dt.datetime) -> Result:
    found = scan(now)["alt"]
    return Result(
        "content.alt_text",
        "图片替代文字",
        "页面上的图片须有替代文字（适老化及无障碍要求）",
        "warn" if found else "pass",
        items=[{"title": f"{page.title}（{n} 张图片无替代文字）", "url": _edit(page)} for page, n in found[:200]],
        fix_url=reverse("wagtailimages:index"),
        summary=f"{len(found)} 个页面有缺少替代文字的图片",
    )

"""Links: the stored results of the last link check (check_links): broken links on published pages fail, failing
ones warn, and a link check that has not run for twice its interval warns too."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..linkcheck import describe
from ..models import LinkCheckRun, LinkTarget, LinkUse
from ..registry import Result


def links_working(now: dt.datetime) -> Result:
    last = LinkCheckRun.objects.filter(finished_at__isnull=False).first()
    broken_uses = (
        LinkUse.objects.filter(target__status=LinkTarget.Status.BROKEN, page__live=True)
        .select_related("target", "page")
        .order_by("page__path")
    )
    failing = LinkTarget.objects.filter(status=LinkTarget.Status.FAILING).count()
    items = [
        {"title": f"{use.page.title}：{describe(use.target)}", "url": reverse("wagtailadmin_pages:edit", args=[use.page_id])}
        for use in broken_uses[:200]
    ]
    pages = broken_uses.values("page_id").distinct().count()
    interval = dt.timedelta(hours=getattr(settings, "LINKCHECK_INTERVAL_HOURS", 24))
    if last is None:
        status, summary = "warn", "链接检查还没有运行过（manage.py check_links）"
    else:
        when = timezone.localtime(last.finished_at)
        summary = f"{pages} 个页面有失效链接，{failing} 个地址正在失败（未满3次）；上次检查 {when:%Y-%m-%d %H:%M}"
        status = "fail" if items else "warn" if failing or now - last.finished_at > 2 * interval else "pass"
    return Result(
        "links.working",
        "链接可用",
        "已发布页面上的内部链接、外部链接和附件须可用（404/410 或连续3次无法连接即为失效）",
        status,
        items=items,
        fix_url=reverse("health:links"),
        summary=summary,
    )

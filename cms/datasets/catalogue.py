"""The 数据开放 catalogue page: the datasets a visitor may read, filtered by topic, organ, access and words."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q

from cms.datasets.access import is_staff
from cms.datasets.models import Access, DatasetPage
from govcms.units.models import unit_of


def readable(request, parent=None):
    """Live datasets the visitor may read: the open ones, plus shared ones granted to their unit; staff all."""
    qs = DatasetPage.objects.live()
    if parent is not None:
        qs = qs.child_of(parent)
    user = getattr(request, "user", None)
    if user is not None and is_staff(user):
        return qs
    unit = unit_of(user) if user is not None else None
    condition = Q(access=Access.OPEN)
    if unit is not None:
        condition |= Q(access=Access.SHARED, granted_units=unit)
    return qs.filter(condition).distinct()


def catalogue_context(page, request) -> dict:
    qs = readable(request, page).select_related("organ", "topic")
    words = (request.GET.get("q") or "").strip()[:50]
    topic = request.GET.get("topic", "")
    organ = request.GET.get("organ", "")
    if words:
        for word in words.split():
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(column_text__icontains=word))
    if topic:
        qs = qs.filter(topic__slug=topic)
    if organ:
        qs = qs.filter(organ__code=organ)
    all_readable = readable(request, page).select_related("organ", "topic")
    topics = sorted({(d.topic.slug, d.topic.name) for d in all_readable if d.topic_id}, key=lambda t: t[1])
    organs = sorted({(d.organ.code, d.organ.name) for d in all_readable if d.organ_id}, key=lambda t: t[1])
    paginator = Paginator(qs.order_by("title"), 20)
    datasets = paginator.get_page(request.GET.get("page"))
    from urllib.parse import urlencode

    kept = {k: v for k, v in {"q": words, "topic": topic, "organ": organ}.items() if v}
    return {
        "datasets": datasets,
        "words": words,
        "topic": topic,
        "organ": organ,
        "topics": topics,
        "organs": organs,
        "querystring": urlencode(kept),
    }

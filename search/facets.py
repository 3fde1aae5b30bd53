"""Facet names, and the labels readers see for the keys engines count (section slug → title, organ code → name …)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cms.disclosure.models import Validity
from cms.taxonomy.models import Organ, Topic

FACETS = ("section", "type", "organ", "topic", "year", "validity")
LABELS = {
    "section": _("Section"),
    "type": _("Type"),
    "organ": _("Issuing organ"),
    "topic": _("Topic"),
    "year": _("Year"),
    "validity": _("Validity"),
}
# The column each facet is stored under in the index.
FIELDS = {"section": "section", "type": "page_type", "organ": "organ", "topic": "topic", "year": "year", "validity": "validity"}


def labels(name: str, keys: list) -> dict:
    keys = [k for k in keys if k not in ("", None)]
    if not keys:
        return {}
    if name == "section":
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        pages = Page.objects.child_of(site.root_page) if site else Page.objects.filter(depth=3)
        return dict(pages.filter(slug__in=keys).values_list("slug", "title"))
    if name == "type":
        out = {}
        for key in keys:
            try:
                out[key] = str(apps.get_model(key)._meta.verbose_name)
            except (LookupError, ValueError):
                out[key] = key
        return out
    if name == "organ":
        return dict(Organ.objects.filter(code__in=keys).values_list("code", "name"))
    if name == "topic":
        return dict(Topic.objects.filter(slug__in=keys).values_list("slug", "name"))
    if name == "validity":
        return {k: str(Validity(k).label) for k in keys if k in Validity.values}
    return {k: _("Year %(year)s") % {"year": k} if name == "year" else str(k) for k in keys}


def with_labels(counts: dict[str, dict]) -> dict[str, list[dict]]:
    """{'organ': {'114…': 3}} → {'organ': [{'value': '114…', 'label': '湖南省…', 'count': 3}]}, most first."""
    out = {}
    for name in FACETS:
        values = counts.get(name, {})
        names = labels(name, list(values))
        rows = [{"value": str(k), "label": names.get(k, str(k)), "count": n} for k, n in values.items() if k not in ("", None)]
        if name == "year":
            rows.sort(key=lambda r: r["value"], reverse=True)
        else:
            rows.sort(key=lambda r: (-r["count"], r["label"]))
        out[name] = rows
    return out

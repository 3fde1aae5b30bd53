"""Template tags of the dataset pages: their JSON-LD, and the query strings of sort links and downloads."""

import json
from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

from cms.datasets.linked_data import schema_org

register = template.Library()


@register.simple_tag(takes_context=True)
def dataset_json_ld(context, page):
    text = json.dumps(schema_org(page, context.get("request")), ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@register.simple_tag
def sort_query(kept: dict, sort: str) -> str:
    params = {k: v for k, v in kept.items() if k not in ("page", "sort")}
    params["sort"] = sort
    return urlencode(params)


@register.simple_tag
def download_query(kept: dict, release) -> str:
    params = {k: v for k, v in kept.items() if k not in ("page", "per_page")}
    params["release"] = release.key
    return urlencode(params)


@register.filter
def split_words(value: str) -> list[str]:
    return value.split()

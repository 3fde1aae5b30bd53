"""The DCAT catalogue (JSON-LD) of the open datasets at /api/data/catalog.jsonld, for national and provincial data
portals to harvest."""

from __future__ import annotations

from django.http import JsonResponse
from wagtail.models import Site

from cms.datasets.linked_data import dcat_dataset
from cms.datasets.models import Access, DatasetPage
from delivery.data.api import get_only, throttled

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


@get_only
def catalog(request):
    if (limited := throttled(request)) is not None:
        return limited
    site = Site.find_for_request(request)
    api_base = request.build_absolute_uri("/api/data/")
    pages = DatasetPage.objects.live().public().filter(access=Access.OPEN).select_related("organ", "topic").order_by("title")
    body = {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(request.path),
        "@type": "dcat:Catalog",
        "dct:title": f"{site.site_name if site else ''}数据开放目录",
        "dct:language": "zh-CN",
        "dcat:dataset": [dcat_dataset(page, api_base, request) for page in pages],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response

"""The drawn share image of a page, at a stable URL: /share/card/<page id>.png."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from delivery.sharing import cards, images


@require_GET
def share_card(request, page_id: int):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404("No public page has this id.")
    data = images.card_bytes(page.specific, cards.site_name_for(request))
    etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
    response = HttpResponse(data, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=600)
    return get_conditional_response(request, etag=etag, response=response)

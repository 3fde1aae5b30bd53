"""{% share_meta %} (Open Graph and Twitter card tags for the <head>) and {% share_bar %} (微信 / 微博 / copy link)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page

from delivery.sharing import cards

register = template.Library()


def _card(context):
    if "share_card" in context:
        return context["share_card"]
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return None
    if isinstance(page, Page):
        card = cards.card_for(page, request)
    else:
        q = context.get("q")
        card = cards.card_for_view(request, _("Search results for “%(q)s”") % {"q": q} if q else "")
    context["share_card"] = card
    return card


@register.inclusion_tag("sharing/meta.html", takes_context=True)
def share_meta(context):
    return {"card": _card(context)}


@register.inclusion_tag("sharing/bar.html", takes_context=True)
def share_bar(context):
    """The share bar, on content pages only (not on listings, the home page or the search page)."""
    page = context.get("page")
    card = _card(context) if isinstance(page, Page) and cards.is_content(page.specific) else None
    return {"card": card}

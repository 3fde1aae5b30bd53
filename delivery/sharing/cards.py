"""What a page tells sharers: title, description, canonical URL, image, dates; the Weibo link and the WeChat QR code."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Page, Site

from delivery.feeds import entries
from delivery.feeds.sources import is_listing
from delivery.sharing import images

WEIBO_SHARE = "https://service.weibo.com/share/share.php"


@dataclass
class ShareCard:
    title: str
    description: str
    url: str
    site_name: str
    image_url: str
    image_width: int
    image_height: int
    image_alt: str
    image_type: str = "image/png"
    og_type: str = "website"
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def weibo_url(self) -> str:
        return WEIBO_SHARE + "?" + urlencode({"url": self.url, "title": self.title, "pic": self.image_url})

    @property
    def qr_svg(self) -> SafeString:
        """The page address as a QR code for WeChat's scanner, inline SVG (segno's output holds no user text)."""
        qr = segno.make(self.url, error="m")
        return mark_safe(qr.svg_inline(scale=4, border=2, svgclass="share-qr-code", lineclass="share-qr-line"))


def is_content(page: Page) -> bool:
    """Pages that are read and shared as articles (not listings, not the home page)."""

    return page.depth > 2 and not is_listing(page)


def site_name_for(request) -> str:
    site = Site.find_for_request(request)

    return (site.site_name if site and site.site_name else "") or settings.WAGTAIL_SITE_NAME


def card_for(page: Page, request) -> ShareCard:

    page = page.specific
    absolute = request.build_absolute_uri
    site_name = site_name_for(request)
    title = page.seo_title or page.title
    description = Truncator(" ".join(entries.summary(page).split())).chars(160) or title
    own = images.own_image(page)
    rendition = own.get_rendition(images.RENDITION) if own is not None else None
    if rendition is not None and rendition.width >= images.MIN_WIDTH:  # Wagtail does not enlarge small pictures
        image_url, width, height = absolute(rendition.url), rendition.width, rendition.height
        image_alt = getattr(own, "default_alt_text", "") or own.title or title
        image_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    else:
        image_url = absolute(reverse("share_card", args=[page.pk]))
        width, height, image_alt, image_type = images.WIDTH, images.HEIGHT, title, "image/png"
    card = ShareCard(
        title=title,
        description=description,
        url=absolute(page.get_url(request) or "/"),
        site_name=site_name,
        image_url=image_url,
        image_width=width,
        image_height=height,
        image_alt=image_alt,
        image_type=image_type,
    )
    if is_content(page):
        card.og_type = "article"
        card.published = entries.published_at(page).isoformat()
        card.modified = entries.updated_at(page).isoformat()
        cats = entries.categories(page)
        card.section = cats[-1] if cats else ""
        card.tags = [c for c in cats if c != card.section]
    return card


def card_for_view(request, title: str) -> ShareCard:
    """A card for pages that are not Wagtail pages (the search page): the home page's image, the view's title."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    image_url = request.build_absolute_uri(reverse("share_card", args=[root.pk])) if root else ""
    return ShareCard(
        title=title or site_name_for(request),
        description=title or site_name_for(request),
        url=request.build_absolute_uri(),
        site_name=site_name_for(request),
        image_url=image_url,
        image_width=images.WIDTH,
        image_height=images.HEIGHT,
        image_alt=site_name_for(request),
    )

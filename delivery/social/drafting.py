"""Drafts one post per channel for a published page, in each channel's format and length limits."""

from __future__ import annotations

import nh3
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape, strip_tags
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from delivery.sharing.images import card_bytes, card_name, own_image

from .models import Channel, Post

WEIBO_LIMIT_UNITS = 280  # 140 Chinese characters; Weibo counts a half-width character as half of one
MASTODON_LIMIT = 500
MASTODON_URL_LENGTH = 23  # Mastodon counts every link as 23 characters
WECHAT_DIGEST_LIMIT = 120


def weibo_length(text: str) -> int:
    """Length in half-character units as Weibo counts it: CJK and full-width = 2, ASCII = 1."""
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


def truncate_weibo(text: str, link: str) -> str:
    """Text plus link within Weibo's limit; the text is cut with … so the link always fits."""
    budget = WEIBO_LIMIT_UNITS - weibo_length(link) - 1
    if weibo_length(text) <= budget:
        return f"{text} {link}"
    budget -= 2  # the ellipsis
    out, used = [], 0
    for ch in text:
        used += weibo_length(ch)
        if used > budget:
            break
        out.append(ch)
    return "".join(out).rstrip() + "… " + link


def truncate_chars(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def page_image(page: Page):
    """The image to share with `page`: its own picture (as its share card uses), else its drawn share card, kept as
    an image in the "分享图片" collection so every channel can upload it (a WeChat article needs a cover)."""

    specific = page.specific
    image = own_image(specific)
    if image is not None:
        return image
    return drawn_card_image(specific)


def drawn_card_image(page: Page):

    Image = get_image_model()
    title = f"分享图：{page.title}"[:255]
    name = card_name(page).rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]  # storage may add a suffix to the file name: 19-25.png → 19-25_Ab3dE.png
    existing = Image.objects.filter(title=title, file__regex=rf"/{stem}(_[A-Za-z0-9]+)?\.png$").first()
    if existing is not None:
        return existing
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name="分享图片").first() or root.add_child(name="分享图片")
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    site_name = (site.site_name if site else "") or page.get_parent().title
    return Image.objects.create(title=title, collection=collection, file=ContentFile(card_bytes(page, site_name), name=name))


def page_summary(page: Page) -> str:
    specific = page.specific
    for name in ("search_description", "summary", "lead", "intro"):
        value = getattr(specific, name, "") or ""
        if value and isinstance(value, str):
            return " ".join(strip_tags(value).split())
    body = getattr(specific, "body", None)
    if body is not None:
        return " ".join(strip_tags(str(body)).split())[:300]
    return ""


def page_body_html(page: Page) -> str:
    body = getattr(page.specific, "body", None)
    return nh3.clean(str(body)) if body is not None else f"<p>{escape(page.title)}</p>"


def draft_post(channel: Channel, page: Page) -> Post:
    """Build (unsaved) the post for `page` on `channel`."""
    link = page.full_url or ""
    summary = page_summary(page)
    headline = page.title if not summary else f"{page.title}：{summary}"
    post = Post(channel=channel, page=page, link=link, image=page_image(page), title=page.title[:255])
    if channel.kind == Channel.Kind.WEIBO:
        post.text = truncate_weibo(f"【{page.title}】{summary}", link)
    elif channel.kind == Channel.Kind.MASTODON:
        post.text = truncate_chars(headline, MASTODON_LIMIT - MASTODON_URL_LENGTH - 1) + " " + link
    elif channel.kind == Channel.Kind.WECHAT:
        post.text = truncate_chars(summary or page.title, WECHAT_DIGEST_LIMIT)
        post.content_html = page_body_html(page)
    else:
        post.text = headline
    return post


def draft_posts_for(page: Page) -> list[Post]:
    """One draft per enabled channel whose page types include `page`, unless it already has one."""
    posts = []
    channels = Channel.objects.filter(enabled=True, page_types=page.content_type_id)
    for channel in channels:
        if Post.objects.filter(channel=channel, page=page).exists():
            continue
        post = draft_post(channel, page)
        post.save()
        posts.append(post)
    return posts


def on_page_published(sender, instance: Page, **kwargs) -> None:
    """page_published receiver: draft only on the page's first publication, after the transaction commits."""
    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    if not first:
        return
    page_id = instance.pk

    def draft():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            draft_posts_for(page)

    transaction.on_commit(draft)

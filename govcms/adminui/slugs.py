"""Short, readable addresses for new pages: the pinyin initials of the title (letters and digits kept as they are),
at most SLUG_LENGTH characters, instead of a slug of percent-encoded Chinese that makes a 500-character address."""

from __future__ import annotations

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

SLUG_LENGTH = 30


def short_slug(title: str, limit: int = SLUG_LENGTH) -> str:
    """关于做好2026年公务用车管理工作的通知 → gyzh2026ngwycglgzdtz"""
    pieces = lazy_pinyin(title, style=Style.FIRST_LETTER, errors="default", strict=False)
    slug = slugify("".join(pieces))  # NFKD first: full-width digits and letters become ASCII, the rest is dropped
    return slug[:limit].strip("-") or "page"


def needs_short_slug(slug: str) -> bool:
    """A slug left blank, or made by the editor's JavaScript from a Chinese title."""
    return not slug or not slug.isascii()


def available_slug(base: str, parent: Page | None, page: Page | None = None) -> str:
    """base, or base-2, base-3 … whichever no sibling under parent has."""
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate

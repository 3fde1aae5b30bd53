"""The share image of a page: its own picture as a 1200×630 rendition, else a card drawn with Pillow.

Drawn cards are kept in the default storage under the page id and its latest revision, so a change to the
page draws a new card while the URL (/share/card/<id>.png) stays the same.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

WIDTH, HEIGHT = 1200, 630
RENDITION = "fill-1200x630"
MIN_WIDTH = 600  # a smaller picture is too small for a large share card: the drawn card is used instead
CARD_DIR = "share-cards"
FONT_NAME = "Noto Sans CJK SC"
FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
]
RED = (180, 24, 24)
GOLD = (238, 196, 86)


def _stream_image(value):

    for child in value or []:
        block_value = child.value
        image = block_value.get("image") if hasattr(block_value, "get") else None
        if isinstance(image, AbstractImage):
            return image
    return None


def own_image(page: Page):
    """The page's own picture: lead image, banner, graphic, first press photo, else the first figure in its body."""

    for name in ("image", "banner", "graphic"):
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    if hasattr(page, "photos"):
        photo = page.photos.select_related("image").first()
        if photo is not None:
            return photo.image
    for f in page._meta.get_fields():
        if isinstance(f, StreamField):
            image = _stream_image(getattr(page, f.name))
            if image is not None:
                return image
    return None


@functools.cache
def font_path() -> str:
    """A CJK font file (Debian's fonts-noto-cjk); ImproperlyConfigured when none is installed."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", FONT_NAME], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and "CJK" in found and Path(found).exists():
            return found
    for candidate in FONT_PATHS:
        if Path(candidate).exists():
            return candidate
    raise ImproperlyConfigured(
        "No CJK font for share images: install Debian's fonts-noto-cjk (apt-get install -y fonts-noto-cjk)."
    )


@functools.cache
def _face_index(path: str) -> int:
    """In a font collection (.ttc), the Simplified Chinese face (Noto's index 0 is the Japanese one)."""

    for index in range(10):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" SC"):
            return index
    return 0


def load_font(size: int):

    path = font_path()
    return ImageFont.truetype(path, size, index=_face_index(path))


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of `text` no wider than `width` pixels, cutting anywhere (Chinese has no spaces); an ellipsis if cut short."""
    lines: list[str] = []
    line = ""
    for char in " ".join(text.split()):
        if draw.textlength(line + char, font=font) <= width:
            line += char
            continue
        lines.append(line)
        line = char.strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def draw_card(title: str, site_name: str) -> bytes:
    """A 1200×630 PNG: the title over up to three lines, a rule, and the site's mark and name."""

    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 24], fill=RED)
    draw.rectangle([0, HEIGHT - 150, WIDTH, HEIGHT], fill=RED)

    title_font = load_font(64)
    y = 90
    for line in _wrap(draw, title, title_font, WIDTH - 160, 3):
        draw.text((80, y), line, font=title_font, fill=(30, 30, 30))
        y += 92

    # the mark: a gold disc carrying the site name's first character, then the name
    mark_font = load_font(52)
    name_font = load_font(44)
    cx, cy, r = 130, HEIGHT - 75, 48
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=GOLD)
    if site_name:
        draw.text((cx, cy), site_name[0], font=mark_font, fill=RED, anchor="mm")
        draw.text((cx + r + 30, cy), site_name, font=name_font, fill=(255, 255, 255), anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def card_name(page: Page) -> str:
    version = page.latest_revision_id or int(page.last_published_at.timestamp() if page.last_published_at else 0)
    return f"{CARD_DIR}/{page.pk}-{version}.png"


def card_bytes(page: Page, site_name: str) -> bytes:
    """The drawn card of `page`, from storage when this revision's card was drawn before."""
    name = card_name(page)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as f:
            return f.read()
    data = draw_card(page.seo_title or page.title, site_name)
    default_storage.save(name, ContentFile(data))
    _drop_old_cards(page, keep=name)
    return data


def _drop_old_cards(page: Page, keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(CARD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    for filename in files:
        if filename.startswith(f"{page.pk}-") and f"{CARD_DIR}/{filename}" != keep:
            default_storage.delete(f"{CARD_DIR}/{filename}")

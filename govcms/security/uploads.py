"""Upload checks by content, not by name: a signature table for documents, Pillow verification for images.

Every check raises ValidationError with a Chinese message naming the file; the forms in security/forms.py call them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

from . import archives, images

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# Content that must never be accepted whatever the extension says (it could run in a browser or on a PC).
DANGEROUS_PREFIXES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
HTML_MARKERS = re.compile(rb"^\s*(<!doctype\s+html|<html|<script|<svg|<\?xml|<body|<head|<iframe)", re.IGNORECASE)
# Markup a browser would act on, wherever it sits in a file (a PDF or text file with HTML after its first line is a
# polyglot that a sniffing browser or a careless proxy could render as a page).
HIDDEN_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html[\s>]|script[\s>/]|iframe[\s>/]|body[\s>]|svg[\s>/]|object[\s>/]|embed[\s>/]"
    rb"|frameset[\s>]|meta\s+http-equiv|form[\s>]|img\s[^>]{0,512}?\bon\w+\s*=)",
    re.IGNORECASE,
)
SCAN_CHUNK = 1024 * 1024
SCAN_OVERLAP = 64
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
UNSAFE_NAME_CHARACTERS = re.compile(r"[<>:\"'`/\\|?*&;%$]")


def safe_file_name(name: str, fallback: str = "upload") -> str:
    """A file name with no path, no control or bidi characters and no HTML/shell metacharacters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cf", "Cc"))
    name = UNSAFE_NAME_CHARACTERS.sub("_", CONTROL_CHARACTERS.sub("", name)).strip()
    stem, ext = os.path.splitext(name)
    if not ext and stem.startswith("."):
        stem, ext = "", stem
    stem = stem.strip(" .") or fallback
    return f"{stem[:100]}{ext[:10].lower()}"


def _head(file: File, size: int = 8192) -> bytes:
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data


def hidden_markup(file: File) -> bool:
    """Whether the file holds markup a browser would run or render anywhere in it (read in chunks, never whole)."""
    file.seek(0)
    tail = b""
    try:
        while chunk := file.read(SCAN_CHUNK):
            if HIDDEN_MARKUP.search(tail + chunk):
                return True
            tail = chunk[-SCAN_OVERLAP:]
        return False
    finally:
        file.seek(0)


def _is_text(file: File) -> bool:
    file.seek(0)
    data = file.read()
    file.seek(0)
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def document_content_matches(file: File, extension: str) -> bool:
    """True if the file's bytes are what its extension claims."""
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt", "wps"):
        return head.startswith(OLE2)
    if extension in ("docx", "xlsx", "pptx", "ofd", "zip"):
        if not head.startswith(ZIP_SIGNATURES):
            return False
        try:
            names = archives.inspect(file)
        except archives.ArchiveRefused as refused:
            if refused.reason == "damaged":
                return False
            raise
        if extension in OOXML_PARTS:
            return "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[extension]) for n in names)
        if extension == "ofd":
            return "OFD.xml" in names
        return True
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension in ("txt", "csv"):
        return not HTML_MARKERS.match(head) and _is_text(file)
    return False


def check_document(file: File, name: str) -> None:
    """Refuse a document whose content is not the type its name says, or is a program or a web page."""
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    head = _head(file)
    if head.startswith(DANGEROUS_PREFIXES) or HTML_MARKERS.match(head) or hidden_markup(file):
        raise ValidationError(
            _("“%(name)s” is a program or a web page, not a document; it cannot be uploaded.") % {"name": name},
            code="dangerous_content",
        )
    try:
        matches = document_content_matches(file, extension)
    except archives.ArchiveRefused:
        raise ValidationError(
            _("“%(name)s” would expand to far more than its size when opened (a compressed archive bomb); it was refused.")
            % {"name": name},
            code="zip_bomb",
        ) from None
    if not matches:
        raise ValidationError(
            _("The content of “%(name)s” is not a real %(type)s file. Check the file and save it again in that format.")
            % {"name": name, "type": extension.upper() or _("document")},
            code="content_mismatch",
        )


def check_image(file: File, name: str, max_pixels: int | None = None) -> None:
    """Refuse SVG, too many pixels (read from the header, before decoding) and anything Pillow cannot fully decode."""
    head = _head(file, 1024)
    if HTML_MARKERS.match(head) or b"<svg" in head.lower():
        raise ValidationError(
            _("“%(name)s” is an SVG or HTML file; only JPEG, PNG, GIF and WebP images can be uploaded.") % {"name": name},
            code="svg",
        )
    bomb = ValidationError(
        _("“%(name)s” has more pixels than the %(limit)s allowed and could be a decompression bomb; it was refused.")
        % {"name": name, "limit": f"{max_pixels or Image.MAX_IMAGE_PIXELS:,}"},
        code="decompression_bomb",
    )
    try:
        file.seek(0)
        with Image.open(file) as image:
            pixels = image.width * image.height
            if max_pixels and pixels > max_pixels:
                raise bomb
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            images.decode(image)
    except ValidationError:
        raise
    except images.Refused as refused:
        raise _too_costly(name, refused) from None
    except Image.DecompressionBombError:
        raise bomb from None
    except Exception:  # Pillow raises many types (OSError, SyntaxError, struct.error...) for broken files
        raise ValidationError(
            _("“%(name)s” is damaged or not an image that can be read; it was refused.") % {"name": name},
            code="broken_image",
        ) from None
    finally:
        file.seek(0)


def _too_costly(name: str, refused: images.Refused) -> ValidationError:
    if refused.kind == "busy":
        return ValidationError(
            _("The server is busy checking other pictures; please send “%(name)s” again in a minute.") % {"name": name},
            code="busy",
        )
    if refused.kind == "request":
        return ValidationError(
            _("Together, the pictures sent are too large to check; send “%(name)s” separately or smaller.") % {"name": name},
            code="request_too_costly",
        )
    return ValidationError(
        _("“%(name)s” has too many pixels to be checked; reduce its size and send it again.") % {"name": name},
        code="image_too_costly",
    )


IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")


def check_attachment(
    file: File,
    *,
    fallback_name: str,
    extensions: list[str] | tuple[str, ...],
    max_size: int | Callable[[str], int],
    max_pixels: int | None = None,
) -> File:
    """A file a visitor attaches to a form: a safe name, an allowed extension, a size limit (or one per extension),
    and content that is what the extension says. Returns the file under its safe name."""
    name = safe_file_name(file.name, fallback_name)
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    if extension not in extensions:
        raise ValidationError(
            _("“%(name)s” cannot be attached: only %(types)s files are accepted.")
            % {"name": name, "types": ", ".join(e.upper() for e in extensions)},
            code="extension",
        )
    limit = max_size(extension) if callable(max_size) else max_size
    if file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; an attachment may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if extension in IMAGE_EXTENSIONS:
        check_image(file, name, max_pixels)
    else:
        check_document(file, name)
    file.name = name
    return file

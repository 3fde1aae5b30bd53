"""What a ZIP-based file (docx, xlsx, pptx, OFD, zip) would cost to open, read from its central directory without
inflating anything: refused when the inflated total, the number of entries or the compression ratio is beyond the
limits, so a zip bomb never reaches a parser. Used when a file is uploaded and again before its text is extracted.

Python's zipfile never inflates more than an entry's declared size (a lying entry fails its CRC check instead), so
the declared sizes are a real bound on what reading the archive can cost."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings

DEFAULT_MAX_INFLATED = 200 * 1024 * 1024  # bytes of all entries together
DEFAULT_MAX_ENTRIES = 10_000
DEFAULT_MAX_RATIO = 100  # inflated / compressed, for the whole archive and for any one large entry
RATIO_FLOOR = 8 * 1024 * 1024  # below this many inflated bytes a high ratio costs nothing worth refusing


@dataclass(frozen=True)
class ZipLimits:
    max_inflated: int
    max_entries: int
    max_ratio: float

    @classmethod
    def from_settings(cls) -> ZipLimits:
        return cls(
            max_inflated=getattr(settings, "UPLOAD_ZIP_MAX_INFLATED", DEFAULT_MAX_INFLATED),
            max_entries=getattr(settings, "UPLOAD_ZIP_MAX_ENTRIES", DEFAULT_MAX_ENTRIES),
            max_ratio=getattr(settings, "UPLOAD_ZIP_MAX_RATIO", DEFAULT_MAX_RATIO),
        )


class ArchiveRefused(Exception):
    """The archive is damaged or would cost too much to open; `reason` says which, in a word: damaged, entries,
    inflated, ratio."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def inspect(file: IO[bytes], limits: ZipLimits | None = None) -> list[str]:
    """The entry names of the ZIP archive `file` if opening it stays within `limits`; ArchiveRefused otherwise.
    The file's position is put back at the start."""
    limits = limits or ZipLimits.from_settings()
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveRefused("damaged", str(error)) from None
    finally:
        file.seek(0)
    if len(infos) > limits.max_entries:
        raise ArchiveRefused("entries", f"{len(infos)} entries")
    inflated = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if inflated > limits.max_inflated:
        raise ArchiveRefused("inflated", f"{inflated} bytes")
    if inflated > RATIO_FLOOR and inflated > limits.max_ratio * max(compressed, 1):
        raise ArchiveRefused("ratio", f"{inflated} bytes from {compressed}")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ArchiveRefused("ratio", f"{info.filename}: {info.file_size} bytes from {info.compress_size}")
    return [info.filename for info in infos]

"""Text of uploaded documents (PDF with pypdf, Word .docx streamed from its XML, plain text), cached by file hash.

Extraction is bounded: a file over MAX_BYTES is skipped, a ZIP-based file is inspected from its central directory
first (govcms.security.archives: inflated size, entries, ratio) and its XML read as a stream, never whole; reading
stops at MAX_CHARS of text or after EXTRACTION_SECONDS, whichever comes first."""

from __future__ import annotations

import codecs
import io
import logging
import os
import time
import zipfile

from django.conf import settings
from lxml import etree
from pypdf import PdfReader

from govcms.security import archives
from search.models import AttachmentText

logger = logging.getLogger(__name__)

MAX_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_CHARS = 200_000
EXTRACTION_SECONDS = 10.0
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Budget:
    """Characters and seconds left for one file's text."""

    def __init__(self, chars: int = MAX_CHARS, seconds: float | None = None):
        self.chars = chars
        self.deadline = time.monotonic() + (
            seconds if seconds is not None else getattr(settings, "SEARCH_EXTRACTION_SECONDS", EXTRACTION_SECONDS)
        )
        self.parts: list[str] = []

    def add(self, text: str) -> bool:
        """Keeps `text`; False once the characters or the time are used up."""
        if text:
            self.parts.append(text[: self.chars])
            self.chars -= len(text)
        return self.chars > 0 and time.monotonic() < self.deadline

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())[:MAX_CHARS]


def _pdf_text(data: bytes, budget: Budget) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages[:MAX_PDF_PAGES]:
        if not budget.add(page.extract_text() or ""):
            return


def _docx_text(data: bytes, budget: Budget) -> None:
    """Paragraph and table text of word/document.xml, parsed as a stream (entities never resolved)."""
    stream = io.BytesIO(data)
    archives.inspect(stream)
    with zipfile.ZipFile(stream) as archive, archive.open("word/document.xml") as xml:
        words: list[str] = []
        parser = etree.iterparse(xml, events=("end",), resolve_entities=False, no_network=True, huge_tree=False)
        try:
            for _event, element in parser:
                if element.tag == f"{WORD}t" and element.text:
                    words.append(element.text)
                elif element.tag == f"{WORD}p":
                    done = not budget.add("".join(words))
                    words.clear()
                    element.clear()
                    while element.getprevious() is not None:  # drop the finished paragraphs the parent still holds
                        del element.getparent()[0]
                    if done:
                        return
        except etree.XMLSyntaxError as error:  # damaged, or over libxml2's limits (a text node over 10 MB …)
            logger.info("search: the text of a .docx stops early: %s", error)
        budget.add("".join(words))


def _plain_text(data: bytes, budget: Budget) -> None:
    """UTF-8 or GB18030, read no further than the characters kept (a character cut at the end is no error)."""
    sample = data[: MAX_CHARS * 4]
    for encoding in ("utf-8", "gb18030"):
        try:
            budget.add(codecs.getincrementaldecoder(encoding)().decode(sample, final=len(sample) == len(data)))
            return
        except UnicodeDecodeError:
            continue


EXTRACTORS = {".pdf": _pdf_text, ".docx": _docx_text, ".txt": _plain_text, ".csv": _plain_text}


def extract_bytes(data: bytes, filename: str, seconds: float | None = None) -> str:
    """The text of a file's bytes by its extension; empty for kinds that hold no text we can read. Raises
    archives.ArchiveRefused for a ZIP-based file that would cost too much to open."""
    extractor = EXTRACTORS.get(os.path.splitext(filename.lower())[1])
    if extractor is None:
        return ""
    budget = Budget(seconds=seconds)
    extractor(data, budget)
    return budget.text()


def document_text(document) -> str:
    """A wagtaildocs Document's text, from the cache when the file is unchanged; failures are logged and give ''."""

    file_hash = getattr(document, "file_hash", "") or ""
    cached = AttachmentText.objects.filter(document_id=document.pk).first()
    if cached and file_hash and cached.file_hash == file_hash:
        return cached.text
    text, error = "", ""
    try:
        size = document.file.size
        if size > MAX_BYTES:
            error = f"file too large ({size} bytes)"
        else:
            with document.file.open("rb") as fh:
                text = extract_bytes(fh.read(), document.file.name)
    except Exception as exc:  # a broken upload must not stop indexing of the page
        error = f"{type(exc).__name__}: {exc}"[:255]
        logger.warning("search: could not read the text of document %s: %s", document.pk, error)
    AttachmentText.objects.update_or_create(
        document_id=document.pk, defaults={"file_hash": file_hash, "text": text, "error": error}
    )
    return text

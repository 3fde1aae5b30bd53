"""Text of uploaded documents (PDF with pypdf, Word .docx with python-docx, plain text), cached by file hash."""

from __future__ import annotations

import io
import logging
import os

import docx
from pypdf import PdfReader

from search.models import AttachmentText

logger = logging.getLogger(__name__)

MAX_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_CHARS = 200_000


def extract_bytes(data: bytes, filename: str) -> str:
    """The text of a file's bytes by its extension; empty for kinds that hold no text we can read."""
    ext = os.path.splitext(filename.lower())[1]
    if ext == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])
    elif ext == ".docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
        text = "\n".join(parts)
    elif ext in (".txt", ".csv"):
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = ""
    else:
        return ""
    return " ".join(text.split())[:MAX_CHARS]


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

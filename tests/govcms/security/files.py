"""Real files for the upload tests, made in memory: good documents and images, disguised and broken ones, a bomb."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from docx import Document as DocxDocument
from PIL import Image
from pypdf import PdfWriter

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def docx_bytes() -> bytes:
    doc = DocxDocument()
    doc.add_paragraph("关于公务用车管理的通知")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buf.getvalue()


def image_bytes(fmt: str = "PNG", size=(120, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buf, fmt)
    return buf.getvalue()


def png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A one-colour 1-bit PNG of width × height pixels that compresses to a few kilobytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@functools.cache
def png_rgba(width: int, height: int) -> bytes:
    """An all-transparent 8-bit RGBA PNG: a few hundred kilobytes that decode to width × height × 4 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * (width * 4)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


@functools.cache
def docx_bomb(inflated: int = 256 * 1024 * 1024) -> bytes:
    """A real .docx whose word/document.xml inflates to `inflated` bytes (one paragraph of spaces), written as a
    stream so that making it costs no more memory than a chunk."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in good.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, good.read(info.filename))
        head = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            b'<w:t xml:space="preserve">'
        )
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        with archive.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(head)
            chunk = b" " * (1024 * 1024)
            left = inflated - len(head) - len(tail)
            while left > 0:
                xml.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            xml.write(tail)
    return buf.getvalue()

"""What an upload may cost the server is bounded before anything is decoded: pixels and bytes per image, per request
and per worker; the inflated size and ratio of every ZIP-based file, at upload and again when its text is extracted;
and markup hidden anywhere in a file is found. Memory is measured by the process's peak resident size
(Pillow's and zlib's memory is invisible to tracemalloc)."""

import contextlib
import io
import re
import threading
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from govcms.security import archives, images
from govcms.security.uploads import check_attachment, check_document, check_image
from search.attachments import extract_bytes
from tests.govcms.security.files import docx_bomb, docx_bytes, pdf_bytes, png_rgba


def _status(key: str) -> int:
    """A field of /proc/self/status, in kilobytes."""
    return int(re.search(rf"^{key}:\s+(\d+)", Path("/proc/self/status").read_text(), re.M).group(1))


@contextlib.contextmanager
def peak():
    """How far this process's resident memory rose above where it stood, at its highest, in MB; and the seconds.
    Linux's peak mark (VmHWM) is reset to the current size first (clear_refs 5)."""
    Path("/proc/self/clear_refs").write_text("5")
    start, started = _status("VmRSS"), time.monotonic()
    result = {}
    try:
        yield result
    finally:
        result["grew_mb"] = (_status("VmHWM") - start) / 1024
        result["seconds"] = time.monotonic() - started


def probe(kind: str, data: bytes) -> dict:
    file = upload(data, "x.png" if kind == "image" else "x.docx")
    with peak() as result:
        result["outcome"] = "accepted"
        try:
            if kind == "image":
                check_image(file, "x.png", 64_000_000)
            elif kind == "document":
                check_document(file, "x.docx")
            else:
                extract_bytes(data, "x.docx")
        except (ValidationError, archives.ArchiveRefused) as error:
            result["outcome"] = type(error).__name__
    return result


def upload(data: bytes, name: str):
    return SimpleUploadedFile(name, data)


def test_a_png_that_would_decode_to_256_mb_is_refused_before_decoding():
    """The report's 249 KB PNG of 7999×7999 RGBA: under the pixel cap, but 256 MB decoded. Refused from its header;
    the checking process grows by a few megabytes (it grew by about 250 MB before)."""
    bomb = png_rgba(7999, 7999)
    assert len(bomb) < 1024 * 1024
    result = probe("image", bomb)
    assert result["outcome"] == "ValidationError"
    assert result["grew_mb"] < 40, result


def test_an_image_under_the_limits_is_decoded_and_accepted():
    buf = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 30, 30)).save(buf, "PNG")
    result = probe("image", buf.getvalue())
    assert result["outcome"] == "accepted", result


def test_jpeg_photos_are_checked_at_an_eighth_of_their_size():
    buf = io.BytesIO()
    Image.new("RGB", (6000, 4000), (20, 90, 160)).save(buf, "JPEG", quality=70)
    with Image.open(io.BytesIO(buf.getvalue())) as image:
        assert images.decoded_bytes(image) == 750 * 500 * 4
    check_image(upload(buf.getvalue(), "photo.jpg"), "photo.jpg", 64_000_000)


def test_the_images_of_one_request_share_a_budget(settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 10 * 1024 * 1024
    settings.UPLOAD_IMAGE_REQUEST_BYTES = 12 * 1024 * 1024
    buf = io.BytesIO()
    Image.new("RGBA", (1500, 1500)).save(buf, "PNG")  # 9 MB decoded
    images.reset_request_budget()
    check_image(upload(buf.getvalue(), "a.png"), "a.png")
    with pytest.raises(ValidationError) as refused:
        check_image(upload(buf.getvalue(), "b.png"), "b.png")
    assert refused.value.code == "request_too_costly"
    images.reset_request_budget()  # the next request starts afresh
    check_image(upload(buf.getvalue(), "c.png"), "c.png")


def test_the_threads_of_a_worker_share_a_budget(settings):
    """Two threads checking large pictures at once never hold more than the worker's budget: the second waits, and
    one that cannot get room in time is told to try again."""
    settings.UPLOAD_IMAGE_WORKER_BYTES = 10 * 1024 * 1024
    budget = images.worker_budget()
    holding = threading.Event()
    release = threading.Event()

    def hold():
        with budget.hold(8 * 1024 * 1024, wait=1):
            holding.set()
            release.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    holding.wait(5)
    started = time.monotonic()
    with pytest.raises(images.Refused) as refused:
        with budget.hold(8 * 1024 * 1024, wait=0.3):
            pass
    assert refused.value.kind == "busy" and time.monotonic() - started < 2
    release.set()
    worker.join()
    with budget.hold(8 * 1024 * 1024, wait=1):
        assert budget.in_use == 8 * 1024 * 1024
    assert budget.peak <= budget.capacity

    settings.UPLOAD_IMAGE_WAIT_SECONDS = 0.2
    buf = io.BytesIO()
    Image.new("RGBA", (1500, 1500)).save(buf, "PNG")
    with images.worker_budget().hold(8 * 1024 * 1024, wait=1):
        with pytest.raises(ValidationError) as busy:
            check_image(upload(buf.getvalue(), "a.png"), "a.png")
    assert busy.value.code == "busy"


def test_a_docx_zip_bomb_is_refused_at_upload_within_bounds():
    """619 KB that inflate to 256 MB: refused from the archive's directory in well under a second, with little
    memory (before: accepted, and 19 s and 1.47 GB to extract its text)."""
    bomb = docx_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    result = probe("document", bomb)
    assert result["outcome"] == "ValidationError", result
    assert result["seconds"] < 2 and result["grew_mb"] < 40, result
    with pytest.raises(ValidationError) as refused:
        check_attachment(upload(bomb, "方案.docx"), fallback_name="a", extensions=["docx"], max_size=50 * 1024 * 1024)
    assert refused.value.code == "zip_bomb"


def test_extraction_refuses_a_bomb_that_is_already_stored():
    result = probe("extract", docx_bomb())
    assert result["outcome"] == "ArchiveRefused", result
    assert result["seconds"] < 2 and result["grew_mb"] < 40, result


def test_extraction_of_a_large_allowed_docx_is_bounded_in_memory_and_time(tmp_path, settings):
    """Under the archive limits (ratio allowed by setting) a 150 MB document.xml is read as a stream: the text stops
    at its character cap, and memory stays small."""
    bomb = docx_bomb(150 * 1024 * 1024)
    with pytest.raises(archives.ArchiveRefused):
        extract_bytes(bomb, "x.docx")
    settings.UPLOAD_ZIP_MAX_RATIO = 10_000
    started = time.monotonic()
    text = extract_bytes(bomb, "x.docx", seconds=5)
    assert time.monotonic() - started < 8
    assert len(text) <= 200_000


@pytest.mark.parametrize(
    "name, content",
    [
        ("报告.pdf", b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"),
        ("报告.pdf", b"\n\n   %PDF-1.4\n" + pdf_bytes()),
        ("说明.txt", "第一行是正常文字。\n<script>alert(1)</script>\n".encode()),
        ("名单.csv", "姓名,单位\n张三,<iframe src=//evil.example>\n".encode()),
        ("说明.txt", ("正文" * 400_000 + "<svg onload=alert(1)>").encode()),  # past the first megabyte
    ],
)
def test_markup_hidden_anywhere_in_a_file_is_refused(name, content):
    with pytest.raises(ValidationError):
        check_document(upload(content, name), name)


def test_ordinary_documents_still_pass():
    for name, content in (("通知.pdf", pdf_bytes()), ("方案.docx", docx_bytes()), ("说明.txt", "一行\n<二行>\n".encode())):
        check_document(upload(content, name), name)


def test_text_of_ordinary_documents_is_still_extracted():
    assert "公务用车" in extract_bytes(docx_bytes(), "方案.docx")
    gb = ("办公用房维修" * 100_000).encode("gb18030")
    assert extract_bytes(gb, "x.txt").startswith("办公用房维修")

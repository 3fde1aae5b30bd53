"""Uploads through the real admin views: documents checked by content, images verified by Pillow, limits enforced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from govcms.security.uploads import safe_file_name
from tests.govcms.security import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """A media folder of this test's own: other test workers write files too, and "no file left behind" counts them."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client(admin_client_logged_in):
    return admin_client_logged_in


def media_files(folder: str) -> set[str]:
    root = Path(settings.MEDIA_ROOT) / folder
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload_document(client, name: str, content: bytes, title: str = "测试文件"):
    data = {
        "title": title,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post("/admin/documents/add/", data)


def upload_image(client, name: str, content: bytes, title: str = "测试图片"):
    data = {
        "title": title,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post("/admin/images/add/", data)


def assert_refused(response, model, before_rows: int, before_files: set[str], folder: str, *messages: str):
    """Re-rendered with the error on the file field in Chinese; no row and no file left behind."""
    assert response.status_code == 200
    form = response.context["form"]
    assert "file" in form.errors, form.errors
    html = response.content.decode()
    for message in messages:
        assert message in html, (message, form.errors)
    assert model.objects.count() == before_rows
    assert media_files(folder) == before_files


GOOD_DOCUMENTS = [
    ("通知.pdf", files.pdf_bytes()),
    ("通知.docx", files.docx_bytes()),
    ("预算表.xlsx", files.zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})),
    ("旧格式.doc", files.OLE2 + b"\x00" * 504),
    ("电子公文.ofd", files.zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<Document/>"})),
    ("说明.txt", "公务用车管理说明。\n".encode("gb18030")),
    ("名单.csv", "姓名,单位\n张三,省机关事务管理局\n".encode()),
    ("资料.zip", files.zip_bytes({"a.txt": b"hello"})),
]


@pytest.mark.parametrize(("name", "content"), GOOD_DOCUMENTS, ids=[n for n, _ in GOOD_DOCUMENTS])
def test_good_documents_are_accepted(client, name, content):
    response = upload_document(client, name, content)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    document = Document.objects.get(title="测试文件")
    assert document.file.name.endswith(Path(name).suffix)
    with document.file.open("rb") as stored:
        assert stored.read() == content


DISGUISED = [
    ("通知.pdf", files.HTML, "是程序或网页"),
    ("通知.pdf", files.EXE, "是程序或网页"),
    ("报告.docx", files.EXE, "是程序或网页"),
    ("报告.docx", files.zip_bytes({"a.txt": b"not a word file"}), "不是真正的 DOCX 文件"),
    ("表格.xlsx", files.docx_bytes(), "不是真正的 XLSX 文件"),
    ("通知.pdf", files.docx_bytes(), "不是真正的 PDF 文件"),
    ("旧格式.doc", b"{\\rtf1 not ole}", "不是真正的 DOC 文件"),
    ("说明.txt", b"text\x00with\x00nul", "不是真正的 TXT 文件"),
    ("说明.txt", files.HTML, "是程序或网页"),
    ("数据.csv", b"\xff\xfe\x00<\x00s\x00c\x00r", "不是真正的 CSV 文件"),
    ("公文.ofd", files.zip_bytes({"x.xml": b"<x/>"}), "不是真正的 OFD 文件"),
    ("视频.mp4", b"\x00\x00\x00\x18notavideo" + b"\x00" * 40, "不是真正的 MP4 文件"),
    ("截断.zip", files.zip_bytes({"a.txt": b"hello" * 100})[:40], "不是真正的 ZIP 文件"),
]


@pytest.mark.parametrize(("name", "content", "message"), DISGUISED, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(DISGUISED)])
def test_disguised_documents_are_refused_with_no_trace(client, name, content, message):
    before_rows, before_files = Document.objects.count(), media_files("documents")
    response = upload_document(client, name, content)
    assert_refused(response, Document, before_rows, before_files, "documents", message)


def test_document_types_outside_the_list_are_refused(client):
    before = Document.objects.count()
    for name in ["恶意.exe", "页面.html", "脚本.js", "图.svg"]:
        response = upload_document(client, name, files.EXE)
        assert response.status_code == 200 and "file" in response.context["form"].errors
    assert Document.objects.count() == before


def test_oversized_document_is_refused(client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    before_rows, before_files = Document.objects.count(), media_files("documents")
    response = upload_document(client, "大文件.pdf", b"%PDF-1.4\n" + b"0" * 20_000)
    assert_refused(response, Document, before_rows, before_files, "documents", "文件过大")


def test_document_names_are_made_safe_and_escaped(client):
    response = upload_document(
        client, "..\\..\\<img src=x onerror=alert(1)>\u202egpj.pdf", files.pdf_bytes(), title='<script>alert("t")</script>'
    )
    assert response.status_code == 302
    document = Document.objects.get()
    stored_name = Path(document.file.name).name
    assert "<" not in stored_name and ">" not in stored_name and "\u202e" not in stored_name
    assert ".." not in document.file.name.replace(".pdf", "")
    assert Path(document.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    listing = client.get("/admin/documents/").content.decode()
    assert '<script>alert("t")</script>' not in listing
    assert "&lt;script&gt;" in listing


def test_safe_file_name():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\a\\报告.PDF") == "报告.pdf"
    assert safe_file_name('a<b>"c\x00\x1f\u202e.pdf') == "a_b__c.pdf"
    assert safe_file_name(".pdf") == "upload.pdf"
    assert safe_file_name("   ") == "upload"


# -- images ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("照片.png", "PNG"), ("照片.jpg", "JPEG"), ("照片.gif", "GIF"), ("照片.webp", "WEBP")])
def test_good_images_are_accepted(client, name, fmt):
    response = upload_image(client, name, files.image_bytes(fmt))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    image = Image.objects.get(title="测试图片")
    assert (image.width, image.height) == (120, 80)


def test_truncated_png_is_refused(client):
    before_rows, before_files = Image.objects.count(), media_files("original_images")
    broken = files.image_bytes("PNG", (400, 300))
    response = upload_image(client, "坏图.png", broken[: len(broken) // 2])
    assert_refused(response, Image, before_rows, before_files, "original_images")
    html = response.content.decode()
    assert "已损坏" in html or "不是有效" in html or "无效" in html, response.context["form"].errors


def test_decompression_bomb_is_refused_with_a_message(client):
    bomb = files.png_bomb()
    assert len(bomb) < 100_000  # 400 million pixels in a few kilobytes
    before_rows, before_files = Image.objects.count(), media_files("original_images")
    response = upload_image(client, "炸弹.png", bomb)
    errors = response.context["form"].errors["file"]
    assert_refused(response, Image, before_rows, before_files, "original_images")
    assert any("像素" in str(e) for e in errors), errors


def test_decompression_bomb_in_the_multiple_upload_view(client):
    before = Image.objects.count()
    response = client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("炸弹.png", files.png_bomb())})
    body = json.loads(response.content)
    assert body["success"] is False
    assert "像素" in body["error_message"]
    assert Image.objects.count() == before


def test_svg_and_html_images_are_refused(client):
    for name, content in [("图标.svg", files.SVG), ("图.png", files.SVG), ("图.png", files.HTML), ("图.jpg", files.EXE)]:
        before = Image.objects.count()
        response = upload_image(client, name, content)
        assert response.status_code == 200 and "file" in response.context["form"].errors, name
        assert Image.objects.count() == before


def test_oversized_image_is_refused(client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    before_rows, before_files = Image.objects.count(), media_files("original_images")
    response = upload_image(client, "大图.png", files.image_bytes("PNG", (600, 600)) + b"\x00" * 2000)
    assert_refused(response, Image, before_rows, before_files, "original_images", "文件过大")


def test_multiple_document_upload_checks_content_too(client):
    before = Document.objects.count()
    response = client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("通知.pdf", files.EXE)})
    body = json.loads(response.content)
    assert body["success"] is False
    assert "是程序或网页" in body["error_message"]
    assert Document.objects.count() == before
    response = client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("通知.pdf", files.pdf_bytes())})
    assert json.loads(response.content)["success"] is True
    assert Document.objects.count() == before + 1

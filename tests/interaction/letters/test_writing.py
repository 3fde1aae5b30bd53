"""The write form against bad input, spam, floods and double submission, and the page cache around it."""

import io
import re

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from interaction.letters.models import Letter
from tests.interaction.letters.test_flow import form_token, letter_data

pytestmark = pytest.mark.django_db


def test_bad_input_is_re_rendered_in_chinese_keeping_what_was_typed(client, mailbox):
    data = letter_data(
        form_token(client),
        writer_name="王",
        phone="12345",
        email="not-an-email",
        category="999",
        subject="维修",
        message="太短了",
    )
    response = client.post("/jzxx/write/", data)
    html = response.content.decode()
    assert response.status_code == 400 and Letter.objects.count() == 0
    for message in (
        "请填写完整的姓名",
        "“12345”不是有效的电话号码",
        "请填写有效的电子邮箱",
        "请从列出的来信类型中选择一项",
        "来信标题至少4个字",
        "请用至少10个字说明您的问题或建议",
        "来信尚未提交，请检查",
    ):
        assert message in html, message
    for typed in ('value="王"', 'value="12345"', 'value="not-an-email"', "太短了</textarea>", 'value="维修"'):
        assert typed in html, typed
    assert data["submission_token"] in html  # the same one-time token, so a corrected resubmission is still one letter

    empty = client.post("/jzxx/write/", form_token(client)).content.decode()
    for message in ("请填写姓名", "请填写来信标题", "请填写来信内容", "请选择来信类型", "请至少填写联系电话或电子邮箱中的一项"):
        assert message in empty, message

    script = letter_data(form_token(client), subject="<script>alert(1)</script>")
    html = client.post("/jzxx/write/", {**script, "phone": "x"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_attachments_are_checked_by_content_and_size(client, mailbox, settings):
    fake = SimpleUploadedFile("材料.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    html = client.post("/jzxx/write/", {**letter_data(form_token(client)), "attachment": fake}).content.decode()
    assert "是程序或网页" in html or "不是文档" in html or "不能上传" in html, html[-3000:]
    assert Letter.objects.count() == 0

    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    html = client.post("/jzxx/write/", {**letter_data(form_token(client)), "attachment": exe}).content.decode()
    assert "“run.exe”不能作为附件" in html

    settings.LETTERS_ATTACHMENT_MAX_SIZE = 1000
    big = SimpleUploadedFile("说明.txt", "办公用房".encode() * 200, content_type="text/plain")
    html = client.post("/jzxx/write/", {**letter_data(form_token(client)), "attachment": big}).content.decode()
    assert "附件不能超过" in html

    settings.LETTERS_ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buf, "PNG")
    photo = SimpleUploadedFile("../../现场<照片>.png", buf.getvalue(), content_type="image/png")
    assert client.post("/jzxx/write/", {**letter_data(form_token(client)), "attachment": photo}).status_code == 302
    letter = Letter.objects.get()
    stored = letter.attachment.path
    assert stored.startswith(str(settings.PRIVATE_MEDIA_ROOT / "letters")) and not stored.startswith(str(settings.MEDIA_ROOT))
    assert letter.attachment.name.endswith("现场_照片_.png") and ".." not in letter.attachment.name


def test_double_submission_makes_one_letter(client, mailbox):
    data = letter_data(form_token(client))
    first = client.post("/jzxx/write/", data)
    second = client.post("/jzxx/write/", data)
    assert first.status_code == second.status_code == 302
    assert Letter.objects.count() == 1
    code = Letter.objects.get().tracking_code
    assert code in client.get(second["Location"]).content.decode()
    # A new form gives a new token: a second, different letter is accepted.
    assert client.post("/jzxx/write/", letter_data(form_token(client), subject="第二封来信的标题")).status_code == 302
    assert Letter.objects.count() == 2


def test_honeypot_and_rate_limit(client, mailbox, settings):
    spam = client.post("/jzxx/write/", {**letter_data(form_token(client)), "website": "http://spam.example"})
    assert spam.status_code == 400 and Letter.objects.count() == 0
    assert "来信未被受理" in spam.content.decode()

    settings.LETTERS_WRITE_RATE = "2/h"
    for i in range(2):
        assert client.post("/jzxx/write/", letter_data(form_token(client), subject=f"来信标题第{i}封")).status_code == 302
    flood = client.post("/jzxx/write/", letter_data(form_token(client), subject="第三封来信标题"))
    assert flood.status_code == 429 and "提交来信过于频繁" in flood.content.decode()
    assert 'value="第三封来信标题"' in flood.content.decode()  # kept for a later try
    assert Letter.objects.count() == 2
    # Another address is not held back.
    assert (
        client.post("/jzxx/write/", letter_data(form_token(client), subject="另一地址的来信"), REMOTE_ADDR="10.9.8.7").status_code
        == 302
    )
    # Behind one proxy, the address the proxy saw counts, not what the client claims further left.
    settings.PROXY_COUNT = 1
    for claimed in ("1.1.1.1", "2.2.2.2"):
        assert (
            client.post(
                "/jzxx/write/",
                letter_data(form_token(client), subject=f"代理后的来信{claimed}"),
                HTTP_X_FORWARDED_FOR=f"{claimed}, 203.0.113.9",
            ).status_code
            == 302
        )
    behind = client.post(
        "/jzxx/write/", letter_data(form_token(client), subject="代理后的第三封"), HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.9"
    )
    assert behind.status_code == 429
    settings.PROXY_COUNT = 0

    settings.LETTERS_LOOKUP_RATE = "3/h"
    for _ in range(3):
        assert client.post("/jzxx/lookup/", {"code": "AAAABBBBCCCC", "contact": "13800000000"}).status_code == 404
    guessed = client.post("/jzxx/lookup/", {"code": "AAAABBBBCCCC", "contact": "13800000000"})
    assert guessed.status_code == 429 and "查询过于频繁" in guessed.content.decode()


def test_forms_work_for_anonymous_visitors_with_the_page_cache_on(client, mailbox, settings):
    settings.PAGECACHE_ENABLED = True
    cache.clear()
    listing = client.get("/jzxx/")
    assert listing.status_code == 200 and listing.get("X-Cache") == "MISS"
    assert client.get("/jzxx/").get("X-Cache") == "HIT"  # the listing is cached like any page
    for _ in range(2):
        form = client.get("/jzxx/write/")
        assert form.status_code == 200 and form.get("X-Cache") != "HIT"
        assert "csrfmiddlewaretoken" in form.content.decode()
    html = form.content.decode()  # the strict CSP allows no inline script or style
    assert "script-src 'self'" in form["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html
    tokens = {form_token(client)["submission_token"] for _ in range(2)}
    assert len(tokens) == 2  # never a stored copy: each visitor gets a fresh one-time token
    csrf_client = type(client)(enforce_csrf_checks=True)
    page = csrf_client.get("/jzxx/write/").content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    key = re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)
    hidden = {"submission_token": token, "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
    response = csrf_client.post("/jzxx/write/", {**letter_data(hidden), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    thanks = csrf_client.get(response["Location"])
    code = Letter.objects.get().tracking_code
    assert code in thanks.content.decode() and thanks.get("X-Cache") != "HIT"
    # Another visitor asking for the thanks page never sees the first visitor's code.
    other = type(client)().get(response["Location"])
    assert code not in other.content.decode()
    assert "您的来信已收到" in other.content.decode()


def test_the_picture_check_must_be_solved(client, mailbox, settings):
    hidden = form_token(client)
    image = client.get(f"/captcha/image/{hidden['captcha_0']}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    wrong = client.post("/jzxx/write/", letter_data(hidden, captcha_1="-1"))
    html = wrong.content.decode()
    assert wrong.status_code == 400 and "计算结果不正确" in html and Letter.objects.count() == 0
    assert 'value="办公用房维修项目何时申报"' in html and 'name="captcha_0"' in html
    assert f'value="{hidden["captcha_0"]}"' not in html  # a new picture: each one can be tried once
    # The same picture cannot be tried twice, even with the right answer.
    assert client.post("/jzxx/write/", letter_data(hidden)).status_code == 400
    settings.LETTERS_CAPTCHA = False
    assert 'name="captcha_0"' not in client.get("/jzxx/write/").content.decode()


def test_the_picture_check_comes_only_after_a_first_letter_by_default(client, mailbox, settings):
    """A first letter needs no picture (a screen reader cannot read one); a second from the same address, or a
    bot's next try after the honeypot caught it, does."""
    settings.LETTERS_CAPTCHA = "after"
    page = client.get("/jzxx/write/").content.decode()
    assert 'name="captcha_0"' not in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    assert client.post("/jzxx/write/", letter_data({"submission_token": token})).status_code == 302
    assert Letter.objects.count() == 1

    second = client.get("/jzxx/write/").content.decode()
    assert 'name="captcha_0"' in second
    token = re.search(r'name="submission_token" value="([^"]+)"', second).group(1)
    unsolved = client.post("/jzxx/write/", letter_data({"submission_token": token}, subject="第二封来信"))
    html = unsolved.content.decode()
    assert unsolved.status_code == 400 and Letter.objects.count() == 1
    assert 'value="第二封来信"' in html and 'name="captcha_0"' in html  # kept, and now with the picture

    other = type(client)(REMOTE_ADDR="10.9.8.7")  # another address, caught by the honeypot once
    page = other.get("/jzxx/write/").content.decode()
    assert 'name="captcha_0"' not in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    assert other.post("/jzxx/write/", letter_data({"submission_token": token}, website="http://spam")).status_code == 400
    assert 'name="captcha_0"' in other.get("/jzxx/write/").content.decode()

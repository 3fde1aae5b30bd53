"""Both look-ups match the contact in constant time (intake.contacts) with the rules they had: letters ignore
spaces, dashes and case; applications take an e-mail address in any case and a phone number however it is typed."""

import pytest

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.intake.contacts import contact_matches
from interaction.letters.models import Letter

from .forms import application, letter, token_of

pytestmark = pytest.mark.django_db


def test_letter_lookup(client, pages):
    assert client.post("/jzxx/write/", letter(token_of(client, "/jzxx/write/"))).status_code == 302
    code = Letter.objects.get().tracking_code
    spaced = " ".join([code[:4], code[4:8], code[8:]]).lower()
    for contact in ("13900000000", "zhangwei@example.org", "张伟", "1391234567"):
        wrong = client.post("/jzxx/lookup/", {"code": code, "contact": contact})
        assert wrong.status_code == 404 and "查询码和联系方式不匹配，未找到来信" in wrong.content.decode(), contact
    for contact in ("13912345678", " 139-1234-5678 ", "139 1234 5678", "ZHANGWEI@EXAMPLE.COM", "zhangwei@example.com"):
        right = client.post("/jzxx/lookup/", {"code": spaced, "contact": contact})
        assert right.status_code == 200 and code in right.content.decode(), contact


def test_application_lookup(client, pages):
    assert client.post("/ysqgk/", application(token_of(client, "/ysqgk/"))).status_code == 302
    code = DisclosureRequest.objects.get().code
    for contact in ("13900000000", "zhangsan@example.org", "张三", "1380731234"):
        wrong = client.post("/ysqgk/lookup/", {"code": code, "contact": contact}).content.decode()
        assert "没有与此查询码和联系方式相符的申请" in wrong and "已收到" not in wrong, contact
    for contact in ("13807312345", "138-0731-2345", "+86 138 0731 2345", "１３８０７３１２３４５", " ZhangSan@Example.COM "):
        right = client.post("/ysqgk/lookup/", {"code": code.lower(), "contact": contact}).content.decode()
        assert "已收到" in right, contact


def test_contact_matches_compares_every_kind_of_text():
    def plain(value):
        return value.strip().lower()

    assert contact_matches("A@b.cn", ["", "a@b.cn"], plain)
    assert not contact_matches("", ["", ""], plain)  # nothing typed matches nothing, not an empty contact
    assert not contact_matches("张三", ["13800000000"], plain)  # non-ASCII text is compared, not an error
    assert contact_matches("张三", ["张三"], plain)

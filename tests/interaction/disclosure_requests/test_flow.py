"""The whole path of an application through real HTTP: apply (bad input kept, double submission, honeypot),
tracking code, lookup, staff handling in the admin with the personal data permission and log, reply by e-mail."""

import re

from django.core import mail
from django.urls import reverse

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.privacy.models import PersonalDataView

from .conftest import BACKEND
from .support import citizen_application


def test_apply_lookup_handle_reply(client, request_page, officer, clerk):
    url = request_page.url
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert 'name="csrfmiddlewaretoken"' in page.content.decode() and 'name="website"' in page.content.decode()

    # Bad input: every problem named in Chinese, everything typed kept.
    bad = client.post(
        url,
        citizen_application(id_number="110105194912310021", phone="12345", postcode="4100", email="not-an-email", info_title=""),
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "校验位" in html  # the identity card's check digit
    assert "手机号码" in html and "邮政编码" in html and "邮件地址" in html and "必填" in html
    assert 'value="110105194912310021"' in html and 'value="张三"' in html and "五一大道100号" in html
    assert DisclosureRequest.objects.count() == 0

    # Valid: a tracking code, a receipt by e-mail; the same form sent again makes no second request.
    ok = client.post(url, citizen_application())
    assert ok.status_code == 302 and ok["Location"].endswith("/thanks/")
    again = client.post(url, citizen_application())
    assert again.status_code == 302
    assert DisclosureRequest.objects.count() == 1
    obj = DisclosureRequest.objects.get()
    assert obj.phone == "13807312345" and obj.status == "received" and obj.due_on is not None
    thanks = client.get(ok["Location"])
    assert obj.code in thanks.content.decode() and thanks["Cache-Control"] == "private, no-store"
    assert len(mail.outbox) == 1 and obj.code in mail.outbox[0].body and mail.outbox[0].to == ["zhangsan@example.com"]

    # Lookup: a wrong contact is refused without saying which half was wrong; the right phone shows the status.
    lookup_url = url + "lookup/"
    wrong = client.post(lookup_url, {"code": obj.code, "contact": "13900000000"})
    assert "没有与此查询码和联系方式相符的申请" in wrong.content.decode() and "已收到" not in wrong.content.decode()
    right = client.post(lookup_url, {"code": obj.code.lower(), "contact": "138-0731-2345"})
    assert "已收到" in right.content.decode() and obj.info_title in right.content.decode()

    # Staff without the personal data permission: the request, but not who sent it, and nothing logged.
    client.force_login(clerk, backend=BACKEND)
    index = client.get(reverse("disclosure_requests:index"))
    assert index.status_code == 200 and obj.code in index.content.decode() and "张三" not in index.content.decode()
    inspect_url = reverse("disclosure_requests:inspect", args=[obj.pk])
    hidden = client.get(inspect_url)
    assert hidden.status_code == 200 and "张三" not in hidden.content.decode()
    assert "13807312345" not in hidden.content.decode() and "已隐藏" in hidden.content.decode()
    assert not PersonalDataView.objects.exists()
    denied = client.post(reverse("disclosure_requests:approve", args=[obj.pk]), {"confirm": "on"})
    assert denied.status_code == 302 and denied["Location"] == "/admin/"  # Wagtail's answer to PermissionDenied

    # The officer sees the identity, and that is logged.
    client.force_login(officer, backend=BACKEND)
    shown = client.get(inspect_url)
    assert "张三" in shown.content.decode() and "13807312345" in shown.content.decode()
    log = PersonalDataView.objects.get()
    assert log.user == officer and log.object_id == str(obj.pk) and log.action == "查看申请"

    # Assign, extend once (the applicant is told), record the outcome and write the letter, approve and send.
    edit = client.post(
        reverse("disclosure_requests:edit", args=[obj.pk]),
        {
            "assigned_to": officer.pk,
            "outcome": "partly_disclosed",
            "reply_letter": "经审查，您申请的信息部分属于过程性信息，现将可以公开的部分提供给您。",
            "staff_notes": "",
        },
    )
    assert edit.status_code == 302, edit.content.decode()[-2000:]
    obj.refresh_from_db()
    assert obj.assigned_to == officer and obj.status == "processing"
    original_due = obj.due_on
    extend_url = reverse("disclosure_requests:extend", args=[obj.pk])
    too_long = client.post(extend_url, {"days": 25, "reason": "需要协调"})
    assert too_long.status_code == 200 and "20" in too_long.content.decode()
    client.post(extend_url, {"days": 20, "reason": "申请内容涉及多个处室，需要协调。"})
    obj.refresh_from_db()
    assert obj.extension_days == 20 and obj.due_on > original_due
    assert "延长" in mail.outbox[-1].subject and "协调" in mail.outbox[-1].body
    second = client.post(extend_url, {"days": 5, "reason": "再次延长"}, follow=True)
    assert "只能延长一次" in second.content.decode()
    obj.refresh_from_db()
    assert obj.extension_days == 20

    approve = client.post(reverse("disclosure_requests:approve", args=[obj.pk]), {"confirm": "on"})
    assert approve.status_code == 302
    obj.refresh_from_db()
    assert obj.status == "replied" and obj.approved_by == officer and obj.replied_at
    letter_mail = mail.outbox[-1]
    assert "答复告知书" in letter_mail.subject and "过程性信息" in letter_mail.body and "部分公开" in letter_mail.body
    assert "区分处理" not in letter_mail.body  # the format's counting rule is for the annual report, not the applicant

    # The applicant sees the reply on the lookup page and opens the printable letter; nobody else can.
    client.logout()
    answered = client.post(lookup_url, {"code": obj.code, "contact": "ZhangSan@example.com"})
    html = answered.content.decode()
    assert "已答复" in html and "部分公开" in html
    letter_url = re.search(r'href="([^"]+/letter/[^"?]+)"', html).group(1)
    letter = client.get(letter_url)
    assert letter.status_code == 200 and "过程性信息" in letter.content.decode()
    assert letter["Cache-Control"] == "private, no-store"
    download = client.get(letter_url + "?download=1")
    assert "attachment" in download["Content-Disposition"]
    client.cookies.clear()
    assert client.get(letter_url).status_code == 403


def test_honeypot_and_rate_limit(client, request_page, settings):
    settings.DISCLOSURE_REQUESTS_RATE = "2/h"
    spam = client.post(request_page.url, citizen_application(website="http://spam.example"))
    assert spam.status_code == 400 and DisclosureRequest.objects.count() == 0
    client.post(request_page.url, citizen_application(submission_token="t2"))
    limited = client.post(request_page.url, citizen_application(submission_token="t3"))
    assert limited.status_code == 429 and "过多" in limited.content.decode()
    assert DisclosureRequest.objects.count() == 0 or DisclosureRequest.objects.count() == 1
    assert not DisclosureRequest.objects.filter(submission_token="t3").exists()


def test_organisation_application_checks_credit_code(client, request_page):
    data = citizen_application(
        applicant_type="organisation",
        name="长沙某科技有限公司",
        id_type="",
        id_number="",
        organisation_kind="business",
        credit_code="91110000600037341A",
        legal_representative="李四",
        contact_person="王五",
    )
    bad = client.post(request_page.url, data)
    assert "统一社会信用代码" in bad.content.decode() and 'value="91110000600037341A"' in bad.content.decode()
    ok = client.post(request_page.url, dict(data, credit_code="91110000600037341L"))
    assert ok.status_code == 302
    obj = DisclosureRequest.objects.get()
    assert obj.applicant_column == "business" and obj.id_number == ""


def test_staff_enter_a_postal_application(client, request_page, officer, clerk, django_user_model):
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(Permission.objects.get(codename="add_disclosurerequest"))
    data = citizen_application(received_on="2025-09-26")
    del data["website"], data["submission_token"]
    client.force_login(clerk, backend=BACKEND)  # may add, but may not see personal data: may not type it in either
    assert client.post(reverse("disclosure_requests:add"), data).status_code == 302
    assert not DisclosureRequest.objects.exists()
    client.force_login(officer, backend=BACKEND)
    bad = client.post(reverse("disclosure_requests:add"), dict(data, id_number="110105194912310021"))
    assert bad.status_code == 200 and "校验位" in bad.content.decode()
    added = client.post(reverse("disclosure_requests:add"), data)
    obj = DisclosureRequest.objects.get()
    assert added["Location"] == reverse("disclosure_requests:inspect", args=[obj.pk])
    assert str(obj.due_on) == "2025-10-30" and obj.code in mail.outbox[-1].body
    assert PersonalDataView.objects.filter(user=officer, action="录入邮寄或当面提交的申请").exists()

"""The whole life of a letter through real HTTP: write → code → look-up → assign → draft → approve → e-mail →
published redacted answer; and personal data never on the public page, search, feeds or API."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail

from interaction.letters.models import Letter, LetterCategory, PublishedLetterPage
from interaction.privacy.models import PersonalDataView
from tests.interaction.letters.conftest import confirm_in_preview

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "张伟", "13912345678", "zhangwei@example.com"
MESSAGE = (
    f"我是{NAME}，住在长沙市芙蓉区韶山北路12号3栋502室，身份证号430102198001011234。"
    "想咨询省直机关办公用房维修项目每年什么时候申报，需要准备哪些材料？请张先生所在单位参考。"
)


def form_token(client, url="/jzxx/write/") -> dict:
    """The write form's hidden values: its one-time token, and the picture check with its answer, solved as a
    person reading the picture would (the answer is looked up where the picture is drawn from)."""
    html = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)
    return {
        "submission_token": re.search(r'name="submission_token" value="([^"]+)"', html).group(1),
        "captcha_0": key,
        "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }


def letter_data(hidden: dict, **changes) -> dict:
    data = {
        "writer_name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "category": LetterCategory.objects.get(name="咨询").pk,
        "subject": "办公用房维修项目何时申报",
        "message": MESSAGE,
        **hidden,
    }
    data.update(changes)
    return data


def write_letter(client, **changes) -> Letter:
    response = client.post("/jzxx/write/", letter_data(form_token(client), **changes))
    assert response.status_code == 302, response.content.decode()
    return Letter.objects.latest("pk")


def test_write_lookup_handle_approve_publish(client, mailbox, handler, reviewer):
    response = client.post("/jzxx/write/", letter_data(form_token(client)), follow=True)
    letter = Letter.objects.get()
    assert letter.status == "received" and letter.mailbox_id == mailbox.pk and letter.publish_allowed
    assert letter.deadline > letter.received_date
    thanks = response.content.decode()
    assert letter.tracking_code in thanks and response["Cache-Control"].count("no-store")
    assert [m.to for m in mail.outbox] == [[EMAIL]] and letter.tracking_code in mail.outbox[0].body

    # Look-up needs the code and the contact the writer gave; the wrong contact is refused the same as a wrong code.
    wrong = client.post("/jzxx/lookup/", {"code": letter.tracking_code, "contact": "13800000000"})
    assert wrong.status_code == 404 and "办公用房维修项目何时申报" not in wrong.content.decode()
    assert "查询码和联系方式" in wrong.content.decode()
    found = client.post("/jzxx/lookup/", {"code": letter.tracking_code.lower(), "contact": "139 1234 5678"})
    assert found.status_code == 200 and "办公用房维修项目何时申报" in found.content.decode()
    assert "正在办理" in found.content.decode()

    # Staff: the listing flags it, the handler is assigned, drafts; the reviewer approves.
    client.force_login(handler)
    listing = client.get("/admin/letters/")
    assert listing.status_code == 200 and "办公用房维修项目何时申报" in listing.content.decode()
    url = f"/admin/letters/edit/{letter.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and NAME in page.content.decode() and PHONE in page.content.decode()
    assert PersonalDataView.objects.filter(user=handler, object_id=str(letter.pk)).count() == 1
    assert client.post(url, {"action": "assign", "handler": handler.pk}).status_code == 302
    bad = client.post(url, {"action": "draft", "text": "短"})
    assert bad.status_code == 200 and "至少" in bad.content.decode()
    reply_text = (
        f"{NAME}您好：办公用房维修项目每年3月集中申报，请单位通过省直机关办公用房管理系统在线提交。联系电话0731-82219000。"
    )
    assert client.post(url, {"action": "draft", "text": reply_text}).status_code == 302
    refused = client.post(url, {"action": "approve"}, follow=True)  # the handler may not approve
    assert "权限" in refused.content.decode()
    letter.refresh_from_db()
    assert letter.status == "drafted" and letter.assigned_to == handler

    client.force_login(reviewer)
    mail.outbox.clear()
    # Approving from the handling page leads to the preview; nothing is sent or published until it is confirmed.
    redirected = client.post(url, {"action": "approve"})
    assert redirected.status_code == 302 and redirected["Location"] == f"/admin/letters/preview/{letter.pk}/"
    letter.refresh_from_db()
    assert letter.status == "drafted" and mail.outbox == [] and not PublishedLetterPage.objects.exists()
    approved = confirm_in_preview(client, letter)
    assert "答复已审核通过并发送，办理结果已公开" in approved.content.decode(), approved.content.decode()[-6000:]
    letter.refresh_from_db()
    assert letter.status == "replied" and letter.reply.approved_by == reviewer and letter.reply.sent_at
    assert [m.to for m in mail.outbox] == [[EMAIL]] and reply_text in mail.outbox[0].body

    # The published answer: redacted text only, live, reached through the mailbox listing.
    published = PublishedLetterPage.objects.get()
    assert published.live and published.get_parent().pk == mailbox.pk and letter.published_page_id == published.pk
    client.logout()
    html = client.get(published.url).content.decode()
    assert "办公用房维修项目每年3月集中申报" in html and "什么时候申报" in html
    for secret in (NAME, "张先生", PHONE, EMAIL, "430102198001011234", "韶山北路12号", "82219000", letter.tracking_code):
        assert secret not in html, secret
    listing = client.get("/jzxx/?category=咨询").content.decode()
    assert published.url in listing
    assert published.url not in client.get("/jzxx/?q=公务用车").content.decode()
    assert published.url in client.get("/jzxx/?q=集中申报").content.decode()
    assert published.url in client.get(f"/jzxx/?year={published.replied_date.year}").content.decode()
    wrong_year = client.get("/jzxx/?year=1999&category=不存在").content.decode()
    assert "没有“1999”年的来信" in wrong_year and "没有“不存在”类型的来信" in wrong_year
    assert published.url in wrong_year  # the filters that cannot apply are dropped, with a message
    answer = client.post("/jzxx/lookup/", {"code": letter.tracking_code, "contact": EMAIL}).content.decode()
    assert "已答复" in answer and "办公用房维修项目每年3月集中申报" in answer


def test_approval_stands_when_the_mail_server_is_down_and_the_reply_can_be_sent_again(client, mailbox, reviewer, settings):
    from interaction.letters import workflow

    letter = Letter.objects.create(
        writer_name=NAME,
        email=EMAIL,
        category=LetterCategory.objects.get(name="咨询"),
        subject="节能改造补助如何申请",
        message=MESSAGE,
        mailbox=mailbox,
    )
    workflow.save_draft(letter, "您好：公共机构节能改造补助请按年度申报通知办理。", reviewer)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    # A visitor writing while the mail server is down still gets the code (the acknowledgement is not sent).
    response = client.post("/jzxx/write/", letter_data(form_token(client), subject="邮件服务器故障时的来信"), follow=True)
    written = Letter.objects.get(subject="邮件服务器故障时的来信")
    assert response.status_code == 200 and written.tracking_code in response.content.decode()
    client.force_login(reviewer)
    url = f"/admin/letters/edit/{letter.pk}/"
    html = confirm_in_preview(client, letter).content.decode()
    assert "无法发送" in html and "再次发送" in html
    letter.refresh_from_db()
    assert letter.status == "replied" and letter.reply.sent_at is None and letter.published_page.live
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    html = client.post(url, {"action": "resend"}, follow=True).content.decode()
    assert "答复已通过电子邮件发送" in html and len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    letter.reply.refresh_from_db()
    assert letter.reply.sent_at is not None

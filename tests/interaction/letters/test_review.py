"""The reviewer's preview through real HTTP: the public text with each redaction and its kind, restoring a span and
hiding more, the confirmation that the published page and the e-mail carry exactly that text, stale previews refused,
and the dashboard panel of replies awaiting approval."""

import re

import pytest
from django.core import mail

from interaction.letters import workflow
from interaction.letters.models import Letter, LetterCategory, PublishedLetterPage
from interaction.letters.review import kind_label
from interaction.privacy.models import PersonalDataView
from interaction.privacy.redact import find_spans, placeholder
from tests.interaction.letters.conftest import HANDLER_PERMS, confirm_in_preview, confirmation_for, preview_form, user_with

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "李明", "13912345678", "liming@example.com"
MESSAGE = f"我是{NAME}，手机{PHONE}。想了解芙蓉区第一中学附近的公务用车停车场何时开放。"
REPLY = f"{NAME}您好：停车场将于明年3月开放，届时请关注本局网站通知。"


@pytest.fixture
def approver(django_user_model):
    """A reviewer who may also see personal data, and so restore a redaction."""
    return user_with(django_user_model, "approver", "letters.approve_reply", *HANDLER_PERMS)


@pytest.fixture
def drafted(mailbox, approver):
    letter = Letter.objects.create(
        writer_name=NAME,
        phone=PHONE,
        email=EMAIL,
        category=LetterCategory.objects.get(name="咨询"),
        subject=f"{NAME}咨询停车场开放时间",
        message=MESSAGE,
        mailbox=mailbox,
    )
    workflow.save_draft(letter, REPLY, approver)
    return letter


def url(letter) -> str:
    return f"/admin/letters/preview/{letter.pk}/"


def span_key(html: str, text: str) -> str:
    """The checkbox value of the marked span showing `text`."""
    return re.search(rf'name="hide" value="([^"]+)" checked> <mark>{re.escape(text)}</mark>', html).group(1)


def test_approving_without_the_confirmation_is_refused(client, drafted, approver):
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(drafted, approver, None)
    client.force_login(approver)
    forged = client.post(url(drafted), {"action": "publish", "source": "x", "reviewed": "y"})
    assert forged.status_code == 409
    unreviewed = client.post(
        url(drafted), {**preview_form(client.get(url(drafted)).content.decode()), "reviewed": "y", "action": "publish"}
    )
    assert unreviewed.status_code == 200 and "请核对后再次确认" in unreviewed.content.decode()
    drafted.refresh_from_db()
    assert drafted.status == "drafted" and mail.outbox == [] and not PublishedLetterPage.objects.exists()


def test_the_preview_marks_every_span_with_its_kind_and_logs_the_view(client, drafted, approver):
    client.force_login(approver)
    html = client.get(url(drafted)).content.decode()
    for text in (MESSAGE, REPLY, drafted.subject):
        for span in find_spans(text, names=[NAME], known=[PHONE, EMAIL]):
            assert f"<mark>{span.text_in(text)}</mark>" in html, span
            assert kind_label(span.kind) in html
    assert html.count('name="hide"') == sum(len(find_spans(t, [NAME], [PHONE, EMAIL])) for t in (MESSAGE, REPLY, drafted.subject))
    assert "停车场将于明年3月开放" in html and "<legend" in html and '<label class="w-field__label" for="id_extra">' in html
    assert PersonalDataView.objects.filter(user=approver, object_id=str(drafted.pk), action="核对公开文本").exists()


def test_a_reviewer_without_the_personal_data_permission_sees_no_personal_data_and_cannot_restore(client, drafted, reviewer):
    client.force_login(reviewer)
    html = client.get(url(drafted)).content.decode()
    assert NAME not in html and PHONE not in html and 'name="hide"' not in html and placeholder() in html
    confirm_in_preview(client, drafted, hide=[])  # no span checked: still nothing restored
    page = PublishedLetterPage.objects.get()
    assert NAME not in page.title + page.message + page.reply and PHONE not in page.message


def test_restoring_a_span_and_hiding_a_phrase_publish_exactly_the_text_shown(client, drafted, approver):
    client.force_login(approver)
    first = client.get(url(drafted)).content.decode()
    form = preview_form(first)
    phone = span_key(first, PHONE)
    changed = {**form, "hide": [k for k in form["hide"] if k != phone], "extra": "芙蓉区第一中学\n短\n"}
    # Publishing changes that were never shown is not a confirmation: the result is shown to be checked first.
    shown = client.post(url(drafted), {**changed, "action": "publish"})
    html = shown.content.decode()
    assert shown.status_code == 200 and "请核对后再次确认" in html
    drafted.refresh_from_db()
    assert drafted.status == "drafted" and not PublishedLetterPage.objects.exists()
    assert f'value="{phone}"> <mark>{PHONE}</mark>' in html  # unchecked now
    assert "<mark>芙蓉区第一中学</mark>" in html and kind_label("extra") in html

    done = client.post(
        url(drafted), {**preview_form(html), "hide": changed["hide"], "extra": changed["extra"], "action": "publish"}, follow=True
    )
    assert done.redirect_chain[-1][0] == f"/admin/letters/edit/{drafted.pk}/"
    assert "答复已审核通过并发送，办理结果已公开" in done.content.decode()
    page = PublishedLetterPage.objects.get()
    assert PHONE in page.message and "芙蓉区第一中学" not in page.message and NAME not in page.message
    assert page.message == f"我是{placeholder()}，手机{PHONE}。想了解{placeholder()}附近的公务用车停车场何时开放。"
    assert page.reply == f"{placeholder()}您好：停车场将于明年3月开放，届时请关注本局网站通知。"
    assert page.title == f"{placeholder()}咨询停车场开放时间" and page.live
    assert page.revisions.count() == 1
    # The e-mail to the writer carries the reply the reviewer approved, addressed to them.
    assert [m.to for m in mail.outbox] == [[EMAIL]] and REPLY in mail.outbox[0].body
    drafted.refresh_from_db()
    assert drafted.status == "replied" and drafted.reply.approved_by == approver


def test_a_preview_made_before_the_reply_was_edited_is_refused(client, drafted, approver, handler):
    client.force_login(approver)
    form = preview_form(client.get(url(drafted)).content.decode())
    workflow.save_draft(drafted, REPLY + f"如有疑问请致电{PHONE}。", handler)
    stale = client.post(url(drafted), {**form, "action": "publish"})
    html = stale.content.decode()
    assert stale.status_code == 409 and "预览之后来信或答复已修改" in html
    assert f"<mark>{PHONE}</mark>" in html.split("如有疑问请致电")[1]  # the new text shown for a fresh check
    drafted.refresh_from_db()
    assert drafted.status == "drafted" and mail.outbox == [] and not PublishedLetterPage.objects.exists()
    with pytest.raises(workflow.WorkflowError):
        # A confirmation computed before the edit is refused by the workflow too.
        stale_confirmation = confirmation_for(drafted)
        workflow.save_draft(drafted, REPLY, handler)
        workflow.approve(drafted, approver, stale_confirmation)


def test_only_approvers_open_the_preview(client, drafted, handler):
    client.force_login(handler)
    assert client.get(url(drafted)).status_code in (302, 403)
    assert client.post(f"/admin/letters/edit/{drafted.pk}/", {"action": "approve"}).status_code in (302, 403)
    drafted.refresh_from_db()
    assert drafted.status == "drafted"
    client.logout()
    assert client.get(url(drafted)).status_code == 302


def test_an_answered_letter_is_published_again_after_a_new_check(client, drafted, approver):
    client.force_login(approver)
    confirm_in_preview(client, drafted)
    page = PublishedLetterPage.objects.get()
    html = client.get(f"/admin/letters/edit/{drafted.pk}/").content.decode()
    assert url(drafted) in html and "再次核对公开文本" in html
    again = confirm_in_preview(client, drafted, extra="停车场")
    assert "已按您核对的文本重新公开" in again.content.decode()
    page.refresh_from_db()
    assert "停车场" not in page.message + page.reply and page.revisions.count() == 2
    assert len(mail.outbox) == 1  # publishing again sends nothing


def test_the_dashboard_lists_replies_awaiting_approval_for_approvers_only(client, drafted, approver, handler, mailbox):
    answered = Letter.objects.create(
        writer_name="周平", category=drafted.category, subject="已答复的来信", message="请问开放时间。", mailbox=mailbox
    )
    workflow.save_draft(answered, "您好：每日开放。", approver)
    workflow.approve(answered, approver, confirmation_for(answered))
    client.force_login(approver)
    html = client.get("/admin/").content.decode()
    assert "待您审核的答复" in html and url(drafted) in html
    assert f"{placeholder()}咨询停车场开放时间" in html and NAME not in html
    assert "已答复的来信" not in html
    client.force_login(handler)
    html = client.get("/admin/").content.decode()
    assert client.get("/admin/").status_code == 200 and "待您审核的答复" not in html and url(drafted) not in html


def test_a_kind_the_redaction_learns_later_is_still_named():
    assert kind_label("mobile") == "手机号码"
    assert kind_label("licence_plate") == "个人信息（licence_plate）"

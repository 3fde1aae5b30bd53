"""The scan of answers already published: `manage.py privacy_scan` (exit status 1 when a page would change, 0 on a
clean site) and the admin report listing the same pages, each re-confirmed through the preview."""

import datetime as dt
import io
import re

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry

from interaction.letters import workflow
from interaction.letters.models import Letter, LetterCategory, PublishedLetterPage
from interaction.privacy.redact import find_spans, placeholder
from tests.factories import publish
from tests.interaction.letters.conftest import HANDLER_PERMS, confirm_in_preview, preview_form, user_with

pytestmark = pytest.mark.django_db

PHONE = "13712345670"
LEAKY = f"请问食堂几点开放？我的电话{PHONE}。"


def answer(mailbox, slug: str, message: str) -> PublishedLetterPage:
    """A page as an older version of the site published it, with whatever text it had then."""
    return publish(
        mailbox,
        PublishedLetterPage(
            title="食堂开放时间",
            slug=slug,
            category="咨询",
            message=message,
            reply="您好：食堂每日11:30开放。",
            received_date=dt.date(2025, 3, 1),
            replied_date=dt.date(2025, 3, 4),
        ),
    )


def test_the_scan_finds_a_page_with_a_phone_number_and_exits_1(mailbox):
    clean = answer(mailbox, "clean", "请问食堂几点开放？")
    leaky = answer(mailbox, "leaky", LEAKY)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("privacy_scan", stdout=out)
    assert raised.value.returncode == 1 and "1 of 2" in str(raised.value)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and leaky.full_url and leaky.full_url in lines[0]
    assert f"/admin/pages/{leaky.pk}/edit/" in lines[0] and f"/admin/letters/preview-page/{leaky.pk}/" in lines[0]
    for span in find_spans(LEAKY):
        assert span.kind in lines[0]
    assert clean.full_url not in out.getvalue()
    with pytest.raises(SystemExit) as exited:  # run as from the shell: the exit status itself
        ManagementUtility(["manage.py", "privacy_scan"]).execute()
    assert exited.value.code == 1


def test_a_clean_site_exits_0(mailbox):
    answer(mailbox, "clean", "请问食堂几点开放？")
    out = io.StringIO()
    call_command("privacy_scan", stdout=out)
    assert "none of 1" in out.getvalue()


def test_the_report_lists_the_page_and_its_preview_publishes_it_clean(client, mailbox, reviewer, handler):
    leaky = answer(mailbox, "leaky", LEAKY)
    answer(mailbox, "clean", "请问食堂几点开放？")
    client.force_login(handler)
    assert client.get("/admin/letters/privacy-scan/").status_code in (302, 403)
    assert "/admin/letters/privacy-scan/" not in client.get("/admin/").content.decode()

    client.force_login(reviewer)
    assert "/admin/letters/privacy-scan/" in client.get("/admin/").content.decode()  # under Reports in the menu
    report = client.get("/admin/letters/privacy-scan/")
    html = report.content.decode()
    preview = f"/admin/letters/preview-page/{leaky.pk}/"
    assert report.status_code == 200 and "已公开来信中的个人信息" in html
    assert html.count(preview) == 1 and f"/admin/pages/{leaky.pk}/edit/" in html and PHONE not in html

    form = preview_form(client.get(preview).content.decode())
    done = client.post(preview, {**form, "action": "publish"}, follow=True)
    assert "已按您核对的文本重新公开" in done.content.decode()
    leaky.refresh_from_db()
    assert PHONE not in leaky.message and placeholder() in leaky.message and leaky.live
    html = client.get("/admin/letters/privacy-scan/").content.decode()
    assert preview not in html and "已公开的来信均无需修改" in html
    call_command("privacy_scan", stdout=io.StringIO())  # clean now: no CommandError


def test_text_a_reviewer_kept_public_is_not_raised_again(client, mailbox, django_user_model):
    approver = user_with(django_user_model, "approver", "letters.approve_reply", *HANDLER_PERMS)
    letter = Letter.objects.create(
        writer_name="赵强",
        category=LetterCategory.objects.get(name="咨询"),
        subject="食堂开放时间",
        message=f"赵强想问食堂几点开放，电话{PHONE}。",
        mailbox=mailbox,
    )
    workflow.save_draft(letter, "您好：食堂每日11:30开放。", approver)
    client.force_login(approver)
    html = client.get(f"/admin/letters/preview/{letter.pk}/").content.decode()
    form = preview_form(html)
    phone = re.search(rf'value="([^"]+)" checked> <mark>{PHONE}</mark>', html).group(1)
    confirm_in_preview(client, letter, hide=[key for key in form["hide"] if key != phone])
    page = PublishedLetterPage.objects.get()
    assert PHONE in page.message and "赵强" not in page.message
    entry = PageLogEntry.objects.get(page=page, action="letters.public_text_checked")
    assert entry.data["kept"] == [PHONE] and entry.user == approver and "赵强" not in str(entry.data)
    call_command("privacy_scan", stdout=io.StringIO())  # the kept number is the reviewer's decision: exit 0

"""Deadlines in working days per category, the overdue and nearly-due flags, the reminder command, statistics
and roles."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from interaction.letters.models import Letter, LetterCategory
from interaction.letters.stats import letter_statistics
from interaction.workdays.calendar import add_workdays

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def make(category: str, received: dt.date, **fields) -> Letter:
    fields.setdefault("subject", f"{category}来信")
    return Letter.objects.create(
        writer_name="李娜",
        phone="13800001111",
        category=LetterCategory.objects.get(name=category),
        message="关于公共机构节能的来信内容。",
        received_at=at(received),
        **fields,
    )


def test_deadline_counts_working_days_across_national_day_and_make_up_days():
    # Received Tuesday 30 September 2025: 1–8 October are holidays, Saturday 11 October is a make-up working day.
    assert make("咨询", dt.date(2025, 9, 30)).deadline == dt.date(2025, 10, 14)
    assert make("建议", dt.date(2025, 9, 30)).deadline == dt.date(2025, 10, 28)
    category = LetterCategory.objects.get(name="咨询")
    category.deadline_workdays = 3  # set per category in the admin
    category.save()
    assert make("咨询", dt.date(2025, 9, 30)).deadline == dt.date(2025, 10, 11)


def test_admin_flags_overdue_and_nearly_due_letters(client, handler):
    overdue = make("咨询", dt.date(2025, 3, 3), subject="超期未答复的来信", assigned_to=handler, status="assigned")
    today = timezone.localdate()
    due_soon = make("咨询", today, subject="即将到期的来信")
    Letter.objects.filter(pk=due_soon.pk).update(deadline=add_workdays(today, 1))
    due_soon.refresh_from_db()
    on_time = make("建议", today, subject="刚收到的建议来信")
    answered = make("咨询", dt.date(2025, 3, 3), subject="早已答复的来信", status="replied", replied_at=at(dt.date(2025, 3, 5)))
    assert overdue.deadline_state() == "overdue" and due_soon.deadline_state() == "due_soon"
    assert on_time.deadline_state() == "on_time" and answered.deadline_state() == ""
    client.force_login(handler)
    html = client.get("/admin/letters/").content.decode()
    overdue_days = -overdue.workdays_left()
    assert f"已超期 {overdue_days} 个工作日" in html and overdue_days > 100
    assert "还剩 1 个工作日" in html and "正常" in html
    handle = client.get(f"/admin/letters/edit/{overdue.pk}/").content.decode()
    assert "已超期" in handle


def test_reminder_command_mails_each_handler_once_a_day(handler, reviewer, clerk, settings):
    make("咨询", dt.date(2025, 3, 3), subject="超期未答复的来信", assigned_to=handler, status="assigned")
    soon = make("咨询", timezone.localdate(), subject="即将到期的来信", assigned_to=handler, status="assigned")
    Letter.objects.filter(pk=soon.pk).update(deadline=add_workdays(timezone.localdate(), 2))
    make("建议", timezone.localdate(), subject="还早的来信", assigned_to=handler, status="assigned")
    make("咨询", dt.date(2025, 3, 3), subject="无人承办的来信")
    make(
        "咨询",
        dt.date(2025, 3, 3),
        subject="已答复的来信",
        assigned_to=reviewer,
        status="replied",
        replied_at=at(dt.date(2025, 3, 4)),
    )
    out = io.StringIO()
    call_command("letters_remind", stdout=out)
    # The handler hears of their two letters and the unassigned one; the reviewer and the clerk, who may assign
    # letters too, of the unassigned one only.
    assert "3 reminder(s) sent about 3 letter(s)" in out.getvalue()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {handler.email, reviewer.email, clerk.email}
    body = by_recipient[handler.email].body
    assert "超期未答复的来信" in body and "即将到期的来信" in body and "还早的来信" not in body
    assert "您承办的 2 件来信" in body and "1 件即将到期的来信尚未分配承办人" in body and "无人承办的来信" in body
    assert "已超期" in body and "/admin/letters/edit/" in body and "其中已超期 2 件" in by_recipient[handler.email].subject
    others = by_recipient[reviewer.email].body
    assert "无人承办的来信" in others and "超期未答复的来信" not in others and "您承办的" not in others
    assert "已答复的来信" not in others
    call_command("letters_remind", stdout=io.StringIO())
    assert len(mail.outbox) == 3  # not twice on the same day
    call_command("letters_remind", "--again", stdout=io.StringIO())
    assert len(mail.outbox) == 6
    assert ["letters_remind"] in settings.PERIODIC_COMMANDS

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with pytest.raises(CommandError, match="letters_remind failed"):
        call_command("letters_remind", "--again", stdout=io.StringIO())


def test_statistics_by_month_and_category_with_reply_times():
    # 2025-09-01 (Mon) → replied 2025-09-05 (Fri): 4 working days; 2025-09-30 → 2025-10-10: 2 (1–8 Oct holidays).
    make("咨询", dt.date(2025, 9, 1), status="replied", replied_at=at(dt.date(2025, 9, 5)))
    make("咨询", dt.date(2025, 9, 30), status="replied", replied_at=at(dt.date(2025, 10, 10)))
    make("建议", dt.date(2025, 9, 12), status="replied", replied_at=at(dt.date(2025, 10, 9)))
    make("建议", dt.date(2025, 10, 20))
    make("投诉", dt.date(2024, 12, 30), status="closed")
    stats = letter_statistics()
    assert stats["by_month"] == [
        {"month": "2024-12", "category": "投诉", "count": 1},
        {"month": "2025-09", "category": "咨询", "count": 2},
        {"month": "2025-09", "category": "建议", "count": 1},
        {"month": "2025-10", "category": "建议", "count": 1},
    ]
    assert stats["total"] == 5 and stats["by_category"] == {"咨询": 2, "建议": 2, "投诉": 1}
    assert stats["answered"] == 3 and stats["open"] == 1
    # 2025-09-12 (Fri) → 2025-10-09: 13 working days in September after the 12th (with Sunday 28 September, a
    # make-up day), then 9 October.
    assert stats["slowest_reply_workdays"] == 14
    assert stats["average_reply_workdays"] == 6.7  # (4 + 2 + 14) / 3
    this_year = letter_statistics(start=dt.date(2025, 1, 1), end=dt.date(2025, 9, 30))
    assert this_year["total"] == 3 and this_year["by_category"] == {"咨询": 2, "建议": 1}
    assert letter_statistics(start=dt.date(2030, 1, 1)) == {
        "total": 0,
        "by_month": [],
        "by_category": {},
        "answered": 0,
        "open": 0,
        "average_reply_workdays": None,
        "slowest_reply_workdays": None,
    }


def test_roles_give_handlers_letters_and_personal_data_and_reviewers_approval():
    from django.contrib.auth.models import Permission

    from interaction.letters.roles import ROLE_NAMES, ROLE_PERMISSIONS

    assert ROLE_NAMES == {"correspondence": "来信办理员"}
    assert "privacy.view_personal_data" in ROLE_PERMISSIONS["correspondence"]
    assert "letters.approve_reply" in ROLE_PERMISSIONS["reviewer"]
    assert "letters.approve_reply" not in ROLE_PERMISSIONS["correspondence"]
    for perms in ROLE_PERMISSIONS.values():
        for perm in perms:
            app, codename = perm.split(".")
            assert Permission.objects.filter(content_type__app_label=app, codename=codename).exists(), perm


def test_setup_roles_makes_the_correspondence_group(client, mailbox, django_user_model):
    from django.contrib.auth.models import Group

    call_command("setup_roles", stdout=io.StringIO())
    group = Group.objects.get(name="来信办理员")
    clerk = django_user_model.objects.create_user("xinfang", "xinfang@example.gov.cn", "pw")
    clerk.groups.add(group)
    letter = make("咨询", timezone.localdate(), subject="来信办理员看到的来信")
    client.force_login(clerk)
    html = client.get(f"/admin/letters/edit/{letter.pk}/").content.decode()
    assert "来信办理员看到的来信" in html and "13800001111" in html and "李娜" in html
    reviewers = Group.objects.get(name="审核员")
    assert reviewers.permissions.filter(codename="approve_reply").exists()
    assert not group.permissions.filter(codename="approve_reply").exists()


def test_demo_mailboxes_and_answered_letters_hold_no_personal_data():
    from fixtures.content.site import build_plan
    from interaction.letters.models import MailboxPage, PublishedLetterPage
    from interaction.privacy.redact import find_personal_data

    specs = {spec.path: spec for spec in build_plan().pages}
    assert specs[("zmhd", "jzxx")].model is MailboxPage and specs[("zmhd", "zxjy")].model is MailboxPage
    answered = [s for path, s in specs.items() if path[:2] == ("zmhd", "jzxx") and len(path) == 3]
    assert len(answered) >= 4 and all(s.model is PublishedLetterPage for s in answered)
    assert {s.fields["category"] for s in answered} <= set(LetterCategory.objects.values_list("name", flat=True))
    for spec in answered:
        assert spec.fields["received_date"] < spec.fields["replied_date"]
        for text in (spec.title, spec.fields["message"], spec.fields["reply"]):
            assert find_personal_data(text) == [], text

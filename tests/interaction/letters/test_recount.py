"""An open letter's deadline is recounted when staff enter and confirm 2027's notice; answered letters keep theirs;
the letter's handling page and history say what changed. Many letters are recounted in a few queries."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from interaction.letters.models import Letter, LetterCategory
from interaction.workdays.calendar import is_workday, statutory_holidays
from interaction.workdays.models import CalendarDay, HolidayNotice
from tests.interaction.workdays.notice import (
    NOTICE_2027,
    SHANGHAI,
    D,
    calendar_admin,
    confirm,
    dashboard_warns,
    enter_notice_days,
)

pytestmark = pytest.mark.django_db


def _letter(day: int, **fields) -> Letter:
    return Letter.objects.create(
        writer_name="李娜",
        phone="13800001111",
        category=LetterCategory.objects.get(name="建议"),
        subject="关于食堂的建议",
        message="建议食堂延长供餐时间。",
        received_at=dt.datetime(2026, 12, day, 10, 0, tzinfo=SHANGHAI),
        **fields,
    )


@time_machine.travel(dt.datetime(2026, 12, 22, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_entering_and_confirming_2027_recounts_open_letters(client, django_capture_on_commit_callbacks):
    calendar_admin(client)
    letter = _letter(21)
    answered = _letter(21, status=Letter.Status.REPLIED)
    assert letter.deadline == D(2027, 1, 12) and letter.deadline_provisional  # 15 working days, 元旦 skipped

    enter_notice_days(client, django_capture_on_commit_callbacks)
    letter.refresh_from_db()
    assert letter.deadline == D(2027, 1, 11) and letter.deadline_provisional and dashboard_warns(client)
    response = confirm(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.deadline == D(2027, 1, 11) and not letter.deadline_provisional and not dashboard_warns(client)
    assert is_workday(letter.deadline) and letter.deadline not in statutory_holidays(2027)
    assert Letter.objects.get(pk=answered.pk).deadline == D(2027, 1, 12)

    trace = "办理期限因工作日历调整由2027年1月12日改为2027年1月11日"
    assert trace in client.get(reverse("letters:edit", args=[letter.pk])).content.decode()
    assert trace in client.get(reverse("letters:history", args=[letter.pk])).content.decode()
    assert "2027年1月11日（暂定）" not in client.get(reverse("letters:index")).content.decode()


@time_machine.travel(dt.datetime(2026, 12, 22, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_command_recounts_many_letters_in_a_few_queries(django_assert_max_num_queries):
    letters = [_letter(21) for _ in range(40)]
    # days entered some other way (a restored backup, a script): nothing recounted them yet
    CalendarDay.objects.bulk_create([CalendarDay(date=day, kind=kind, name=name) for day, kind, name in NOTICE_2027])
    HolidayNotice.objects.create(year=2027, reference="国办发明电〔2026〕7号")
    out, err = StringIO(), StringIO()
    with django_assert_max_num_queries(20):
        call_command("recount_deadlines", "--year", "2027", stdout=out, stderr=err)
    assert "40 deadline(s) changed" in out.getvalue()
    assert "letters: 40/40" in err.getvalue()  # one line per stage off a terminal
    assert {letter.deadline for letter in Letter.objects.filter(pk__in=[x.pk for x in letters])} == {D(2027, 1, 11)}
    out = StringIO()
    call_command("recount_deadlines", stdout=out, stderr=StringIO())
    assert "0 deadline(s) changed" in out.getvalue()  # nothing left to change, and no second trace

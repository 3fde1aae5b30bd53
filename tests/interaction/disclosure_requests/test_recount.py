"""A request received in December 2026 is due on a provisional date; when staff enter 2027's notice and confirm it,
the stored due date is recounted with the request's own rule (20 working days, the extension, no clock while awaiting
a correction), is no longer provisional, and the request's history says so."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.workdays.calendar import add_workdays, is_workday, statutory_holidays
from tests.interaction.workdays.notice import (
    SHANGHAI,
    D,
    calendar_admin,
    confirm,
    dashboard_warns,
    enter_notice_days,
)

pytestmark = pytest.mark.django_db


def _request(received: dt.date, **fields) -> DisclosureRequest:
    return DisclosureRequest.objects.create(
        received_on=received,
        applicant_type="citizen",
        name="测试申请人",
        phone="13800000000",
        address="长沙市韶山北路1号",
        info_title="办公用房维修费用",
        info_description="2026年度办公用房维修项目的费用明细",
        medium="paper",
        delivery="post",
        **fields,
    )


@time_machine.travel(dt.datetime(2026, 12, 14, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_entering_and_confirming_2027_recounts_open_requests(client, django_capture_on_commit_callbacks):
    calendar_admin(client)
    request = _request(D(2026, 12, 11))
    extended = _request(D(2026, 12, 11), extension_days=20, extension_reason="需征求第三方意见")
    replied = _request(D(2026, 12, 11))
    DisclosureRequest.objects.filter(pk=replied.pk).update(status=DisclosureRequest.Status.REPLIED)
    paused = _request(D(2026, 12, 11))
    paused.status = DisclosureRequest.Status.CORRECTION
    paused.save()
    # 14 working days left in December, then 4–8 January: the 20th is Monday 11 January, counted provisionally
    assert request.due_on == D(2027, 1, 11) and request.due_provisional
    old_extended = extended.due_on

    enter_notice_days(client, django_capture_on_commit_callbacks)  # 元旦 1–3 January, Sunday 10 January worked
    request.refresh_from_db()
    assert request.due_on == D(2027, 1, 10)  # the make-up working Sunday counts
    assert request.due_provisional and dashboard_warns(client)  # the days are in, the notice is not confirmed

    assert confirm(client, django_capture_on_commit_callbacks).status_code == 302
    request.refresh_from_db()
    extended.refresh_from_db()
    assert request.due_on == D(2027, 1, 10) and not request.due_provisional
    assert not dashboard_warns(client)
    assert extended.due_on == add_workdays(D(2026, 12, 11), 40) != old_extended  # the extension is kept
    assert DisclosureRequest.objects.get(pk=replied.pk).due_on == D(2027, 1, 11)  # answered: left as it was
    assert DisclosureRequest.objects.get(pk=paused.pk).due_on is None  # awaiting a correction: no clock
    for due in (request.due_on, extended.due_on):
        assert is_workday(due) and due not in statutory_holidays(due.year)

    trace = "办理期限因工作日历调整由2027年1月11日改为2027年1月10日"
    inspect = client.get(reverse("disclosure_requests:inspect", args=[request.pk])).content.decode()
    assert trace in inspect and "期限调整记录" in inspect
    history = client.get(reverse("disclosure_requests:history", args=[request.pk])).content.decode()
    assert trace in history and "办理期限重新计算" in history
    listing = client.get("/admin/disclosure_requests/").content.decode()
    assert "2027年1月10日" in listing and "（暂定）" not in listing

"""An accepted case's deadline is recounted from acceptance with the service's promised time when staff enter and
confirm 2027's notice; a case paused for 补正 has no deadline to recount; the history the applicant reads says so."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from interaction.services import workflow
from interaction.services.models import Application
from interaction.workdays.calendar import is_workday, statutory_holidays
from tests.interaction.workdays.notice import (
    SHANGHAI,
    D,
    calendar_admin,
    confirm,
    dashboard_warns,
    enter_notice_days,
)

pytestmark = pytest.mark.django_db


def _case(catalogue, title: str) -> Application:
    guide = catalogue["repair"]
    return Application.objects.create(service=guide, service_name=guide.title, form_kind="repair", title=title)


@time_machine.travel(dt.datetime(2026, 12, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_entering_and_confirming_2027_recounts_open_cases(client, catalogue, django_capture_on_commit_callbacks):
    calendar_admin(client)
    accepted = _case(catalogue, "会议室屋面防水维修")
    workflow.submit(accepted, at=dt.datetime(2026, 12, 24, 10, tzinfo=SHANGHAI), send=False)
    workflow.accept(accepted, at=dt.datetime(2026, 12, 25, 10, tzinfo=SHANGHAI), send=False)
    paused = _case(catalogue, "办公楼外墙维修")
    workflow.submit(paused, at=dt.datetime(2026, 12, 28, 10, tzinfo=SHANGHAI), send=False)
    workflow.request_correction(paused, "现状照片。", at=dt.datetime(2026, 12, 28, 11, tzinfo=SHANGHAI), send=False)
    # 10 working days promised from acceptance on 25 December: 4 in December, 4–8 and 11 January (provisional)
    assert accepted.deadline == D(2027, 1, 11) and accepted.deadline_provisional
    assert "2027年1月11日（暂定）" in client.get("/admin/service_cases/").content.decode()

    enter_notice_days(client, django_capture_on_commit_callbacks)
    assert confirm(client, django_capture_on_commit_callbacks).status_code == 302
    accepted.refresh_from_db()
    assert accepted.deadline == D(2027, 1, 10) and not accepted.deadline_provisional and not dashboard_warns(client)
    assert is_workday(accepted.deadline) and accepted.deadline not in statutory_holidays(2027)
    assert Application.objects.get(pk=paused.pk).deadline is None

    trace = "办理期限因工作日历调整由2027年1月11日改为2027年1月10日"
    assert [e.public_text for e in accepted.events.filter(action="deadline_recounted")] == [trace + "。"]
    page = client.get(f"/admin/service_cases/edit/{accepted.pk}/").content.decode()
    assert trace in page and "暂定" not in page
    # the case then runs on as before: decided on the recounted deadline, on time
    workflow.decide(accepted, "approved", "同意。", at=dt.datetime(2027, 1, 10, 10, tzinfo=SHANGHAI), send=False)
    assert accepted.on_time

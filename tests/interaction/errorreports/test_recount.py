"""An error report received on the last working day of 2026 is answered within 3 working days counted into 2027:
when 2027's days are entered, its answer date is recounted and its history says so."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from interaction.errorreports.models import ErrorReport
from interaction.workdays.models import CalendarDay
from tests.interaction.workdays.notice import NOTICE_2027, D

pytestmark = pytest.mark.django_db


def test_an_open_report_is_recounted_a_handled_one_is_not():
    report = ErrorReport.objects.create(page_url="/xxgk/", error_type="typo", description="错别字", received_on=D(2026, 12, 31))
    handled = ErrorReport.objects.create(
        page_url="/xxgk/", error_type="typo", description="错别字", received_on=D(2026, 12, 31), status="handled"
    )
    assert report.due_on == D(2027, 1, 6)  # 4, 5, 6 January: 元旦 on the Friday is a statutory holiday
    CalendarDay.objects.bulk_create([CalendarDay(date=day, kind=kind, name=name) for day, kind, name in NOTICE_2027])
    CalendarDay.objects.create(date=D(2027, 1, 4), kind="holiday", name="元旦调休")
    out = StringIO()
    call_command("recount_deadlines", "--year", "2027", "--year", "2026", stdout=out, stderr=StringIO())
    report.refresh_from_db()
    assert report.due_on == D(2027, 1, 7) and "1 deadline(s) changed" in out.getvalue()
    assert ErrorReport.objects.get(pk=handled.pk).due_on == D(2027, 1, 6)
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="workdays.deadline_recounted")
    assert entry.data == {"old": "2027-01-06", "new": "2027-01-07"}
    assert "由2027年1月6日改为2027年1月7日" in entry.message

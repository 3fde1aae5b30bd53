"""Deadlines across the National Day holiday, the correction restarting the clock, the reminder command, the annual
report's figures, and the identity proof upload (content checked, kept private, download logged)."""

import datetime as dt
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.disclosure_requests.stats import year_stats
from interaction.privacy.models import PersonalDataView
from tests.govcms.security.files import image_bytes

from .conftest import BACKEND
from .support import citizen_application


def make(**fields) -> DisclosureRequest:
    base = dict(
        applicant_type="citizen",
        name="李四",
        id_type="id_card",
        id_number="11010519491231002X",
        phone="13800000000",
        email="lisi@example.com",
        address="长沙市",
        info_title="某项信息",
        info_description="描述",
        medium="paper",
        delivery="post",
    )
    base.update(fields)
    return DisclosureRequest.objects.create(**base)


def test_deadline_skips_national_day_and_counts_make_up_days(db):
    # Received Friday 26 September 2025: Sunday 28 September and Saturday 11 October are make-up working days,
    # 1-8 October are off; the 20th working day is Thursday 30 October.
    obj = make(received_on=dt.date(2025, 9, 26))
    assert obj.due_on == dt.date(2025, 10, 30)
    assert obj.deadline_state(dt.date(2025, 10, 24)) == "due_soon"
    assert obj.deadline_state(dt.date(2025, 10, 31)) == "overdue" and obj.workdays_left(dt.date(2025, 10, 31)) == -1
    obj.extension_days = 20
    obj.save()
    assert obj.due_on == dt.date(2025, 11, 27)


def test_correction_stops_the_clock_and_restarts_it_on_arrival(client, request_page, officer):
    obj = make(received_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(officer, backend=BACKEND)
    client.post(reverse("disclosure_requests:correction", args=[obj.pk]), {"note": "请写明所需信息的年份。"})
    obj.refresh_from_db()
    assert obj.status == "correction" and obj.due_on is None and obj.deadline_state() == "paused"
    assert "补正" in mail.outbox[-1].subject and "年份" in mail.outbox[-1].body
    # Only once.
    again = client.post(reverse("disclosure_requests:correction", args=[obj.pk]), {"note": "再次补正"}, follow=True)
    assert "只能在答复之前要求补正一次" in again.content.decode()
    today = timezone.localdate()
    client.post(reverse("disclosure_requests:correction_received", args=[obj.pk]), {"received_on": today.isoformat()})
    obj.refresh_from_db()
    assert obj.clock_start == today and obj.correction_received_on == today and obj.status == "received"
    from interaction.workdays.calendar import add_workdays

    assert obj.due_on == add_workdays(today, 20)


def test_reminders_go_to_the_handler_once_a_day(db, officer):
    overdue = make(received_on=timezone.localdate() - dt.timedelta(days=60), assigned_to=officer)
    make(received_on=timezone.localdate())  # not due yet: no reminder
    call_command("disclosure_reminders")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [officer.email] and overdue.code in mail.outbox[0].body
    call_command("disclosure_reminders")
    assert len(mail.outbox) == 1


def test_year_stats_count_received_outcomes_and_carry_over(db):
    tz = timezone.get_current_timezone()
    replied = dt.datetime(2025, 3, 1, 10, tzinfo=tz)
    make(received_on=dt.date(2025, 2, 1), outcome="disclosed", status="replied", replied_at=replied)
    make(received_on=dt.date(2025, 2, 2), outcome="not_disclosed.secret", status="replied", replied_at=replied)
    make(
        received_on=dt.date(2025, 2, 3),
        applicant_type="organisation",
        organisation_kind="research",
        outcome="not_disclosed.secret",
        status="replied",
        replied_at=replied,
    )
    make(
        received_on=dt.date(2024, 12, 20),
        outcome="cannot_provide.not_held",
        status="replied",
        replied_at=dt.datetime(2025, 1, 10, 10, tzinfo=tz),
    )  # carried over from 2024, handled in 2025
    make(received_on=dt.date(2025, 12, 25))  # still open at the end of 2025
    stats = year_stats(2025)
    assert stats.received_total == 4 and stats.received["research"] == 1
    assert stats.carried_over["total"] == 1 and stats.carried_forward["total"] == 1
    rows = {row.key: row for row in stats.outcomes}
    assert [row.label for row in stats.outcomes] == [
        "予以公开",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]
    assert rows["disclosed"].total == 1 and rows["partly_disclosed"].total == 0
    assert rows["not_disclosed"].total == 2 and rows["not_disclosed"].counts == {
        "person": 1,
        "business": 0,
        "research": 1,
        "public_interest": 0,
        "legal_service": 0,
        "other": 0,
        "total": 2,
    }
    secret = rows["not_disclosed"].children[0]
    assert (secret.number, secret.label, secret.total) == ("1.", "属于国家秘密", 2)
    assert rows["cannot_provide"].children[0].total == 1 and stats.handled["total"] == 4


def test_identity_proof_is_checked_kept_private_and_its_download_logged(client, request_page, officer, clerk, settings):
    fake = SimpleUploadedFile("id.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    bad = client.post(request_page.url, dict(citizen_application(), attachment=fake))
    assert "网页" in bad.content.decode() and DisclosureRequest.objects.count() == 0
    assert "附件没有保留" in bad.content.decode()
    photo = SimpleUploadedFile("身份证.png", image_bytes("PNG"), content_type="image/png")
    assert client.post(request_page.url, dict(citizen_application(), attachment=photo)).status_code == 302
    obj = DisclosureRequest.objects.get()
    assert obj.attachment and not obj.attachment.path.startswith(str(settings.MEDIA_ROOT))
    url = reverse("disclosure_requests:attachment", args=[obj.pk])
    client.force_login(clerk, backend=BACKEND)  # handles requests, may not see personal data
    assert client.get(url).status_code in (302, 403) and not PersonalDataView.objects.exists()
    client.force_login(officer, backend=BACKEND)
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in download["Cache-Control"]
    assert PersonalDataView.objects.filter(action="下载身份证明", user=officer).exists()
    assert client.get(reverse("disclosure_requests:attachment", args=[obj.pk + 1])).status_code == 404


def test_demo_requests_are_made_once_and_counted(db):
    from interaction.disclosure_requests.demo import ensure_demo_requests

    assert ensure_demo_requests() == 5 and ensure_demo_requests() == 0
    stats = year_stats(2025)
    rows = {row.key: row for row in stats.outcomes}
    assert stats.received_total == 4 and stats.handled["total"] == 4
    assert rows["partly_disclosed"].counts["business"] == 1 and rows["not_disclosed"].counts["research"] == 1


def test_dashboard_counts_overdue_and_the_form_is_never_cached(client, request_page, officer, settings):
    make(received_on=dt.date(2025, 1, 2))
    make(received_on=timezone.localdate())
    client.force_login(officer, backend=BACKEND)
    assert "依申请公开办理中2件：已超期1件" in client.get("/admin/").content.decode()
    client.logout()
    settings.PAGECACHE_ENABLED = True
    client.get(request_page.url)
    again = client.get(request_page.url)
    assert again.status_code == 200 and again.get("X-Cache") != "HIT"
    # Two visitors never share a form token (a shared one would merge their applications).
    other = type(client)()
    token = re.compile(r'name="submission_token" value="([^"]+)"')
    assert token.search(again.content.decode()).group(1) != token.search(other.get(request_page.url).content.decode()).group(1)

"""Bad input, permissions and deadlines: a form with errors re-renders with every message and keeps what was typed
and uploaded; disguised and oversized files are refused; a unit never sees another unit's case; the public apply
with a tracking code; drafts; deadlines over a holiday; the guides' key elements and the hooks other apps read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail import hooks

from cms.disclosure.report_format import decision_key
from interaction.services import workflow
from interaction.services.models import Application, Attachment
from interaction.workdays.calendar import add_workdays

from .conftest import complete_guide, energy_data, pdf, repair_data
from .test_flow import sign_in

pytestmark = pytest.mark.django_db


def test_errors_keep_what_was_typed_and_uploaded(client, catalogue, member):
    sign_in(client, member)
    url = f"/services/apply/{catalogue['repair'].pk}/"
    disguised = SimpleUploadedFile("budget.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    data = repair_data(area="很大", end_date="2027-01-01", budget=disguised, plan=pdf())
    del data["building"]
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="财政厅办公楼屋面防水维修"' in page and "屋面防水层老化" in page  # typed text kept
    assert "budget.pdf" in page and "plan.pdf" in page  # the refused file named, the good one kept
    assert page.count('class="field-error"') >= 4  # building, area, end date, budget
    assert not Application.objects.exists()
    assert Attachment.objects.filter(slot="plan", application__isnull=True).count() == 1
    # sent again with the errors corrected and only the missing file: the kept plan counts
    fixed = repair_data(budget=pdf("budget.pdf"))
    response = client.post(url, fixed)
    assert response.status_code == 302
    app = Application.objects.get()
    assert sorted(app.attachments.values_list("slot", flat=True)) == ["budget", "plan"]


def test_oversized_file_refused(client, catalogue, member, settings):
    settings.SERVICES_ATTACHMENT_MAX_SIZE = 100
    sign_in(client, member)
    big = SimpleUploadedFile("proposal.pdf", b"%PDF-1.4\n" + b"0" * 500, content_type="application/pdf")
    response = client.post(f"/services/apply/{catalogue['energy'].pk}/", energy_data(proposal=big, contract=pdf()))
    assert response.status_code == 400 and "proposal.pdf" in response.content.decode()
    assert not Application.objects.exists()


def test_draft_saved_and_finished_later(client, catalogue, member):
    sign_in(client, member)
    url = f"/services/apply/{catalogue['energy'].pk}/"
    response = client.post(url, {"title": "节能草稿", "submission_token": "tok-draft", "save_draft": "1", "proposal": pdf()})
    assert response.status_code == 302
    draft = Application.objects.get(status="draft")
    assert "节能草稿" in client.get("/services/my/").content.decode()
    form = client.get(f"{url}?draft={draft.pk}").content.decode()
    assert 'value="节能草稿"' in form and "plan.pdf" in form
    response = client.post(f"{url}?draft={draft.pk}", energy_data(token="ignored", contract=pdf("c.pdf")))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.attachments.count() == 2


def test_a_unit_never_sees_another_units_case(client, catalogue, member, other_member):
    sign_in(client, member)
    client.post(f"/services/apply/{catalogue['repair'].pk}/", repair_data(plan=pdf(), budget=pdf("b.pdf")))
    app = Application.objects.get()
    other = client.__class__()
    sign_in(other, other_member)
    assert other.get(f"/services/cases/{app.pk}/").status_code == 404
    assert other.get(f"/services/cases/{app.pk}/result/").status_code == 404
    assert other.post(f"/services/cases/{app.pk}/", {"action": "rate", "score": "1"}).status_code == 404
    assert app.title not in other.get("/services/my/").content.decode()
    assert client.__class__().get(f"/services/cases/{app.pk}/").status_code == 404  # anonymous
    assert client.__class__().get(f"/services/apply/{catalogue['repair'].pk}/").status_code == 302  # to sign in


def test_a_unit_contact_may_not_handle_cases(client, catalogue, member):
    sign_in(client, member)
    assert client.get("/admin/service_cases/").status_code in (302, 403)


def test_the_public_apply_with_a_tracking_code(client, catalogue):
    guide = catalogue["public"]
    data = {
        "title": "周五午餐预约",
        "contact_name": "赵六",
        "contact_phone": "138-0000-1111",
        "email": "",
        "jiu_can_ren_shu": "3",
        "submission_token": "tok-public",
    }
    field = guide.form_fields.get().clean_name
    data[field] = data.pop("jiu_can_ren_shu")
    response = client.post(f"/services/apply/{guide.pk}/", data)
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.unit is None and app.tracking_code in client.get(response.url).content.decode()
    visitor = client.__class__()
    wrong = visitor.post("/services/track/", {"code": app.tracking_code, "phone": "13900000000"})
    assert wrong.status_code == 400
    found = visitor.post("/services/track/", {"code": app.tracking_code.lower(), "phone": "13800001111"})
    assert found.status_code == 302 and visitor.get(found.url).status_code == 200
    # the public list shows the finished case without personal data
    workflow.refuse(app, "当日已约满。")
    public = client.get("/services/results/").content.decode()
    assert guide.title in public and "赵六" not in public and "13800001111" not in public


def test_deadlines_count_working_days_over_the_national_day_holiday(catalogue):
    app = Application.objects.create(service=catalogue["repair"], service_name="x", form_kind="repair", title="t")
    workflow.submit(app, at=dt.datetime(2026, 9, 29, 10, tzinfo=dt.UTC))
    workflow.accept(app, at=dt.datetime(2026, 9, 30, 10, tzinfo=dt.UTC))
    # 10 working days from 30 September: the 1–7 October holiday does not count
    assert app.deadline == add_workdays(dt.date(2026, 9, 30), 10)
    assert app.deadline > dt.date(2026, 10, 14)  # what counting weekdays only would give
    workflow.decide(app, "approved", "同意。", at=dt.datetime(2026, 10, 9, 10, tzinfo=dt.UTC))
    assert app.workdays_used < 7 and app.on_time


def test_a_guide_missing_key_elements_cannot_be_published(client, catalogue, admin_user):
    from cms.editorial.checks import check_page

    guide = complete_guide(title="缺要素的指南", slug="que", phone="", steps=[])
    problems = [str(p) for p in check_page(guide)]
    assert any("联系电话" in p for p in problems) and any("办理流程" in p for p in problems)
    assert not [p for p in check_page(catalogue["repair"]) if "key element" in str(p) or "要素" in str(p)]
    (check,) = [
        c for fn in hooks.get_hooks("register_site_health_checks") for c in fn() if c.__module__.startswith("interaction.")
    ]
    result = check(dt.datetime.now(dt.UTC))
    assert result["status"] == "pass" and result["veto"] is True
    catalogue["energy"].hours = ""
    catalogue["energy"].save_revision().publish()
    result = check(dt.datetime.now(dt.UTC))
    assert result["status"] == "fail" and "公共机构节能项目备案" in result["items"][0]["title"]


def test_annual_report_figure(catalogue):
    app = Application.objects.create(service=catalogue["repair"], service_name="x", form_kind="repair", title="t")
    workflow.submit(app, at=dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC))
    workflow.accept(app, at=dt.datetime(2025, 3, 4, 10, tzinfo=dt.UTC))
    workflow.decide(app, "approved", "", at=dt.datetime(2025, 3, 10, 10, tzinfo=dt.UTC))
    from cms.disclosure.report_generator import collect_figures

    assert collect_figures(2025).values[decision_key("licensing")] == 1
    assert collect_figures(2024).values[decision_key("licensing")] == 0


def test_overdue_cases_on_the_dashboard_and_reminded(client, catalogue, handler):
    from django.core import mail
    from django.core.management import call_command

    app = Application.objects.create(
        service=catalogue["repair"], service_name="办公用房维修项目审批", form_kind="repair", title="逾期的维修项目"
    )
    workflow.submit(app, at=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))
    client.force_login(handler)
    assert "逾期的维修项目" in client.get("/admin/").content.decode()
    call_command("services_remind")
    assert any("逾期的维修项目" in m.body for m in mail.outbox if m.to == [handler.email])
    app.refresh_from_db()
    assert app.reminded_on is not None

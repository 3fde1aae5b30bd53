"""The whole flow of both typed services through real HTTP and the real admin: apply (a unit) → 补正 → accept → two
review steps → 办结 → 批复 made and published in the catalogue → rating; the applicant's history and e-mails."""

from __future__ import annotations

import pytest

from cms.disclosure.models import DisclosureItemPage
from interaction.services.models import Application

from .conftest import PASSWORD, energy_data, pdf, png, repair_data

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    response = client.post("/units/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def handle(client, app, **data):
    response = client.post(f"/admin/service_cases/edit/{app.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    app.refresh_from_db()
    return client.get(f"/admin/service_cases/edit/{app.pk}/")


@pytest.mark.parametrize(
    ("kind", "data", "files"),
    [
        ("repair", repair_data, {"plan": pdf, "budget": lambda: pdf("budget.pdf"), "photos": png}),
        ("energy", energy_data, {"proposal": pdf, "contract": lambda: pdf("contract.pdf")}),
    ],
)
def test_the_whole_flow(client, catalogue, member, handler, kind, data, files):
    guide = catalogue[kind]
    sign_in(client, member)
    page = client.get(guide.url)
    assert page.status_code == 200 and f"/services/apply/{guide.pk}/" in page.content.decode()

    # apply
    response = client.post(f"/services/apply/{guide.pk}/", {**data(), **{k: f() for k, f in files.items()}})
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.status == "submitted" and app.unit.name == "省财政厅办公室" and app.deadline
    assert app.attachments.count() == len(files)
    assert app.tracking_code in app.notices.get().subject  # queued, sent once the request's transaction commits

    admin = client.__class__()
    admin.force_login(handler)
    listing = admin.get("/admin/service_cases/")
    assert listing.status_code == 200 and app.title in listing.content.decode()
    # the materials: to staff only, as downloads that nothing can render as a page
    material = app.attachments.order_by("pk").first()
    download = admin.get(f"/admin/service_cases/attachment/{material.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == material.file.open("rb").read()
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert client.get(f"/admin/service_cases/attachment/{material.pk}/").status_code in (302, 403)  # the unit's login

    # 补正: one complete request, the clock pauses; a second is refused
    handle(admin, app, action="correction", items="1．房屋安全鉴定报告；2．预算明细表。")
    assert app.status == "correction" and app.deadline is None
    case = client.get(f"/services/cases/{app.pk}/").content.decode()
    assert "房屋安全鉴定报告" in case and "Send the missing materials" not in case or "补" in case
    response = client.post(f"/services/cases/{app.pk}/", {"action": "correction", "files": [pdf("jianding.pdf")]})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "submitted" and app.deadline
    handle(admin, app, action="correction", items="又缺一样")
    assert app.status == "submitted"  # refused: everything must be asked for at once

    # accept, two review steps, decide
    handle(admin, app, action="accept")
    assert app.status == "reviewing" and app.accepted_on and app.deadline
    handle(admin, app, action="add_step", name="处室审核", assignee=handler.pk)
    step = app.review_steps.get()
    handle(admin, app, action="complete_step", step=step.pk, opinion="agree", comment="方案可行。")
    handle(admin, app, action="add_step", name="分管领导审核", group=handler.groups.first().pk)
    step2 = app.review_steps.get(order=2)
    page = handle(admin, app, action="complete_step", step=step2.pk, opinion="agree", comment="同意。")
    assert "同意" in page.content.decode()
    handle(admin, app, action="decide", outcome="conditional", text="请按批准的方案实施。", conditions="工程费用不超过35万元。")
    assert (
        app.status == "decided"
        and app.outcome == "conditional"
        and app.document_number == f"{guide.document_prefix}〔{app.decided_on.year}〕1号"
    )
    assert app.result_file and app.workdays_used is not None and app.on_time

    # 批复 published in the catalogue (only for services whose results are disclosed)
    if guide.disclose_results:
        handle(admin, app, action="publish")
        item = DisclosureItemPage.objects.get(pk=app.result_page_id)
        assert item.live and item.document_number == app.document_number and item.genre.name == "批复"
        assert item.get_parent().title == "行政审批" and item.index_number
        public = client.get(item.url).content.decode()
        assert app.document_number in public and app.contact_phone not in public and app.email not in public
    else:
        admin.post(f"/admin/service_cases/edit/{app.pk}/", {"action": "publish"})
        app.refresh_from_db()
        assert app.result_page_id is None

    # the applicant: history in plain words, the result, the rating
    case = client.get(f"/services/cases/{app.pk}/").content.decode()
    for event in app.events.all():  # every step, in the words kept for the applicant
        assert event.public_text.splitlines()[0] in case
    assert "处室审核" in case and "分管领导审核" in case and app.document_number in case
    assert "方案可行" not in case  # the reviewers' comments stay with the staff
    result = client.get(f"/services/cases/{app.pk}/result/")
    assert result.status_code == 200 and b"".join(result.streaming_content)[:2] == b"PK"
    assert result["Content-Disposition"].startswith("attachment") and result["Cache-Control"] == "private, no-store"
    staff_copy = admin.get(f"/admin/service_cases/result/{app.pk}/")
    assert staff_copy.status_code == 200 and b"".join(staff_copy.streaming_content)[:2] == b"PK"
    response = client.post(f"/services/cases/{app.pk}/", {"action": "rate", "score": "5", "comment": "高效。"})
    assert response.status_code == 302 and app.rating.score == 5
    assert app.notices.filter(to=app.email).count() >= 5

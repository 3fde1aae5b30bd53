"""A visitor (no unit) saves a draft of a public service and finishes it later through a secret link: only the
link's hash is stored, each save gives a new link, nobody without it reaches the draft, drafts expire and are
deleted by services_remind, and saving drafts is limited per address like the other public forms."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.services.models import ServiceFormField
from interaction.services.models import Application, resume_key_hash

pytestmark = pytest.mark.django_db


def draft_data(guide, **overrides) -> dict:
    data = {
        "title": "机关食堂就餐预约（接待）",
        "contact_name": "祖冲之",
        "contact_phone": "13955556666",
        "email": "",
        "submission_token": "tok-public-draft",
        "save_draft": "1",
    }
    data.update(overrides)
    return data


def save_draft(client, guide, **overrides):
    response = client.post(f"/services/apply/{guide.pk}/", draft_data(guide, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    link = re.search(r'href="(http://testserver/services/drafts/([\w-]+)/)"', page.content.decode())
    assert link, page.content.decode()
    return link.group(1).replace("http://testserver", ""), link.group(2), page.content.decode()


def test_a_visitor_saves_a_draft_and_finishes_it_from_another_browser(client, catalogue):
    guide = catalogue["public"]
    field = ServiceFormField.objects.create(page=guide, label="就餐人数", field_type="number", required=True).clean_name
    form = client.get(f"/services/apply/{guide.pk}/").content.decode()
    assert 'name="save_draft"' in form and "草稿" in form

    path, key, saved = save_draft(client, guide)  # the required 就餐人数 left blank: a draft may be incomplete
    draft = Application.objects.get()
    assert draft.status == "draft" and draft.unit is None and draft.submitted_at is None
    assert draft.resume_key == resume_key_hash(key) and key not in draft.resume_key  # only the hash is kept
    assert "7天" in saved or "7 天" in saved
    assert not draft.notices.exists()  # nothing is sent for a draft

    later = client.__class__()  # another browser, with only the link
    response = later.get(path)
    assert response.status_code == 302 and response["Location"] == f"/services/apply/{guide.pk}/?draft={draft.pk}"
    form = later.get(response["Location"]).content.decode()
    assert "机关食堂就餐预约（接待）" in form and "祖冲之" in form and "13955556666" in form

    send = draft_data(guide, submission_token=draft.form_token, submit="")
    del send["save_draft"]  # the submit button this time
    response = later.post(response["Location"], {**send, field: "12"})
    assert response.status_code == 302 and response["Location"] == f"/services/thanks/{draft.tracking_code}/"
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.resume_key == "" and draft.details[field] in (12, "12", 12.0)
    assert later.get(response["Location"]).status_code == 200  # the thanks page with the tracking code
    assert later.get(path).status_code == 404  # the link does not open a sent application


def test_nobody_without_the_link_reaches_the_draft(client, catalogue):
    guide = catalogue["public"]
    _path, _key, _saved = save_draft(client, guide)
    draft = Application.objects.get()

    stranger = client.__class__()
    assert stranger.get(f"/services/apply/{guide.pk}/?draft={draft.pk}").status_code == 404
    assert stranger.get(f"/services/drafts/{draft.pk}/saved/").status_code == 404
    assert stranger.get(f"/services/cases/{draft.pk}/").status_code == 404
    assert stranger.get("/services/drafts/not-the-key-at-all/").status_code == 404
    # the form's token alone (it was in the page) does not take the draft over
    response = stranger.post(
        f"/services/apply/{guide.pk}/", draft_data(guide, submission_token=draft.form_token, contact_name="冒名者")
    )
    assert response.status_code == 400 and "祖冲之" not in response.content.decode()
    draft.refresh_from_db()
    assert draft.contact_name == "祖冲之"
    # and it is nowhere public
    for address in ("/services/results/", "/services/statistics/"):
        assert "祖冲之" not in stranger.get(address).content.decode()


def test_each_save_gives_a_new_link(client, catalogue):
    guide = catalogue["public"]
    first, _key, _saved = save_draft(client, guide)
    draft = Application.objects.get()
    second, _key2, _saved = save_draft(client, guide, submission_token=draft.form_token, title="改过的标题")
    assert first != second and Application.objects.count() == 1
    assert Application.objects.get().title == "改过的标题"
    other = client.__class__()
    assert other.get(first).status_code == 404
    response = other.get(second)
    assert response.status_code == 302 and other.get(response["Location"]).status_code == 200
    # saving in the other browser makes a third link; the first browser's session no longer opens the draft
    save_draft(other, guide, submission_token=draft.form_token, title="第三次保存")
    assert client.get(f"/services/apply/{guide.pk}/?draft={draft.pk}").status_code == 404
    assert other.get(f"/services/apply/{guide.pk}/?draft={draft.pk}").status_code == 200


def test_drafts_expire_and_are_deleted(client, catalogue, settings):
    settings.SERVICES_PUBLIC_DRAFT_DAYS = 3
    guide = catalogue["public"]
    path, _key, saved = save_draft(client, guide)
    assert "3天" in saved or "3 天" in saved
    kept = Application.objects.get()
    Application.objects.filter(pk=kept.pk).update(updated_at=timezone.now() - dt.timedelta(days=3, minutes=1))
    response = client.__class__().get(path)
    assert response.status_code == 404 and "3" in response.content.decode()
    assert client.get(f"/services/apply/{guide.pk}/?draft={kept.pk}").status_code == 404

    young = Application.objects.create(
        form_token="young", service=guide, service_name=guide.title, form_kind="builder", title="t", contact_name="n"
    )
    out = io.StringIO()
    call_command("services_remind", stdout=out)
    assert "1 expired visitor draft(s) deleted" in out.getvalue()
    assert list(Application.objects.values_list("pk", flat=True)) == [young.pk]


def test_saving_drafts_is_limited_per_address(client, catalogue, settings):
    settings.SERVICES_DRAFT_RATE = "2/h"
    guide = catalogue["public"]
    save_draft(client, guide, submission_token="tok-a")
    save_draft(client.__class__(), guide, submission_token="tok-b")
    response = client.__class__().post(f"/services/apply/{guide.pk}/", draft_data(guide, submission_token="tok-c"))
    assert response.status_code == 429
    assert "机关食堂就餐预约（接待）" in response.content.decode()  # what was typed is kept
    assert Application.objects.count() == 2


def test_the_draft_pages_are_valid_html(client, catalogue, tmp_path):
    from tests.checkers import vnu_errors

    guide = catalogue["public"]
    pages = {"apply": client.get(f"/services/apply/{guide.pk}/")}
    response = client.post(f"/services/apply/{guide.pk}/", draft_data(guide))
    pages["saved"] = client.get(response["Location"])
    pages["missing"] = client.get("/services/drafts/no-such-key/")
    pages["sitemap"] = client.get("/sitemap/")
    files = []
    for name, page in pages.items():
        assert page.status_code in (200, 404), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(page.content)
    errors = vnu_errors(files)
    assert not errors, [(e["url"].rsplit("/", 1)[-1], e["message"]) for e in errors[:10]]

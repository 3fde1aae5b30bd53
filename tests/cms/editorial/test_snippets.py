"""Snippets and settings under the roles: site administrators manage the classification, the sensitive-word list
and the settings (each change logged with its user); editors may see and choose them but not change them."""

import pytest
from wagtail.models import ModelLogEntry

from cms.editorial.models import PublishingChecks, SensitiveWord
from tests.cms.editorial.conftest import member


@pytest.fixture
def people(roles):
    tree, _ = roles
    return tree, member("editor", f"编辑：{tree.catalogue.title}"), member("admin2", "网站管理员")


def test_editor_views_and_chooses_but_cannot_change(people, client):
    tree, editor, _ = people
    client.force_login(editor)
    organ = tree.organ
    assert client.get("/admin/snippets/taxonomy/organ/").status_code == 200
    assert client.get("/admin/snippets/choose/taxonomy/organ/").status_code == 200
    assert client.get("/admin/snippets/editorial/sensitiveword/").status_code == 200
    assert client.get("/admin/snippets/taxonomy/organ/add/").status_code in (302, 403)
    response = client.post(
        f"/admin/snippets/taxonomy/organ/edit/{organ.pk}/", {"name": "改名", "short_name": "", "code": organ.code, "order": 0}
    )
    assert response.status_code in (302, 403)
    organ.refresh_from_db()
    assert organ.name == "湖南省机关事务管理局"
    assert client.post("/admin/snippets/editorial/sensitiveword/add/", {"word": "x"}).status_code in (302, 403)
    assert not SensitiveWord.objects.filter(word="x").exists()
    response = client.get("/admin/settings/editorial/publishingchecks/", follow=True)
    assert response.status_code == 403 or response.redirect_chain[-1][0] == "/admin/"
    assert client.get(f"/admin/snippets/taxonomy/genre/delete/{tree.genres['tz'].pk}/").status_code in (302, 403)


def test_site_admin_manages_snippets_and_settings_and_is_logged(people, client):
    tree, _, admin = people
    client.force_login(admin)
    organ = tree.organ
    response = client.post(
        f"/admin/snippets/taxonomy/organ/edit/{organ.pk}/",
        {"name": "湖南省机关事务管理局（改）", "short_name": "省机关事务局", "code": organ.code, "order": 1},
    )
    assert response.status_code == 302
    organ.refresh_from_db()
    assert organ.name == "湖南省机关事务管理局（改）"
    response = client.post(
        "/admin/snippets/editorial/sensitiveword/add/", {"word": "有关部门", "replacement": "省机关事务管理局", "note": ""}
    )
    assert response.status_code == 302
    word = SensitiveWord.objects.get(word="有关部门")
    settings_url = client.get("/admin/settings/editorial/publishingchecks/", follow=True).redirect_chain[-1][0]
    response = client.post(settings_url, {"document_number_genres": [tree.genres["tz"].pk, tree.genres["bf"].pk]})
    assert response.status_code == 302
    assert set(PublishingChecks.load().document_number_genres.values_list("slug", flat=True)) == {"tz", "bf"}

    edits = ModelLogEntry.objects.filter(user=admin).values_list("action", "object_id", "content_type__model")
    assert ("wagtail.edit", str(organ.pk), "organ") in edits
    assert ("wagtail.create", str(word.pk), "sensitiveword") in edits
    assert any(action == "wagtail.edit" and model == "publishingchecks" for action, _, model in edits)
    report = client.get("/admin/reports/site-history/").content.decode()
    assert "湖南省机关事务管理局（改）" in report and "有关部门" in report

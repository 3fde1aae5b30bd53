"""The two-step approval through the admin's own views, with users in the roles setup_roles makes: an editor
creates and submits a catalogue item, a reviewer asks for changes with a comment, the editor reads it, edits and
resubmits, the reviewer approves and the item is live; every step is in Wagtail's audit log with its user."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page, PageLogEntry, Task, Workflow, WorkflowPage

from tests.cms.editorial.conftest import form_data, member, workflow_post

COMMENT = "请补充文号和成文日期后再提交。"


def test_submit_reject_resubmit_approve(roles, client):
    tree, _ = roles
    editor = member("bianji", f"编辑：{tree.catalogue.title}")
    reviewer = member("shenhe", "审核员")

    # the editor creates an item and submits it
    client.force_login(editor)
    add_url = f"/admin/pages/add/disclosure/disclosureitempage/{tree.finance.pk}/"
    data = form_data(
        client,
        add_url,
        title="2025年部门决算公开",
        slug="js2025",
        organ=tree.organ.pk,
        topic=tree.topics["cz"].pk,
        genre=tree.genres["bg"].pk,
        body="<p>部门决算。</p>",
        **{"action-submit": "1"},
    )
    assert client.post(add_url, data).status_code == 302
    page = Page.objects.get(slug="js2025").specific
    assert not page.live and page.current_workflow_state.status == "in_progress"
    assert page.get_workflow().name == "信息公开审批"
    assert page.current_workflow_task.name == "审核员审批"
    # the editor can neither publish nor approve it
    assert not page.permissions_for_user(editor).can_publish()
    assert not page.current_workflow_task.get_actions(page, editor)

    # the reviewer asks for changes, with a comment
    client.force_login(reviewer)
    assert dict((name, label) for name, label, _ in page.current_workflow_task.get_actions(page, reviewer))
    assert workflow_post(client, page, "reject", comment=COMMENT).status_code == 302
    page.refresh_from_db()
    state = page.workflow_states.order_by("-created_at").first()
    assert state.status == "needs_changes" and not page.live

    # the editor sees the comment, edits and resubmits
    client.force_login(editor)
    history = client.get(f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/").content.decode()
    assert COMMENT in history
    edit_url = f"/admin/pages/{page.pk}/edit/"
    edit_page = client.get(edit_url).content.decode()
    assert COMMENT in edit_page  # also in the editor's workflow status dialog
    # and in the status panel itself, under "changes requested", without opening anything
    panel = edit_page[edit_page.index("data-reviewer-comment") :][:600]
    assert COMMENT in panel and "审核意见" in panel
    data = form_data(client, edit_url, title="2025年部门决算公开（含三公经费）", **{"action-submit": "1"})
    assert client.post(edit_url, data).status_code == 302
    state.refresh_from_db()
    assert state.status == "in_progress"

    # the reviewer approves: the page is live, with the editor's last changes
    client.force_login(reviewer)
    assert workflow_post(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "2025年部门决算公开（含三公经费）" and page.index_number
    assert client.get(page.url).status_code == 200

    # the audit log: who created, changed, submitted, was asked to change, approved and published
    steps = list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", "user__username"))
    wanted = [
        ("wagtail.create", "bianji"),
        ("wagtail.workflow.start", "bianji"),
        ("wagtail.workflow.reject", "shenhe"),
        ("wagtail.edit", "bianji"),
        ("wagtail.workflow.resume", "bianji"),
        ("wagtail.workflow.approve", "shenhe"),
        ("wagtail.publish", "shenhe"),
    ]
    remaining = iter(steps)
    assert all(step in remaining for step in wanted), steps  # each step, in this order
    reject = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert reject.data["comment"] == COMMENT

    # and the site history report shows them to a site administrator
    client.force_login(member("guanli", "网站管理员"))
    report = client.get("/admin/reports/site-history/", {"object_type": "", "action": ""})
    assert report.status_code == 200
    text = re.sub(r"\s+", " ", report.content.decode())
    assert "2025年部门决算公开（含三公经费）" in text and "bianji" in text and "shenhe" in text


@pytest.mark.parametrize("group", ["news", "press"])
def test_editor_of_one_section_cannot_touch_another(roles, client, group):
    tree, _ = roles
    user = member("u", f"编辑：{tree.news_index.title}" if group == "news" else "新闻办")
    client.force_login(user)
    url = f"/admin/pages/{tree.policy.pk}/edit/"
    assert client.get(url).status_code in (302, 403)
    before = tree.policy.get_latest_revision().pk
    client.post(url, {"title": "改", "action-publish": "1"})
    tree.policy.refresh_from_db()
    assert tree.policy.title == "省直机关公务用车管理办法" and tree.policy.get_latest_revision().pk == before
    if group == "press":  # the press office owns press conferences: it edits and publishes them directly
        url = f"/admin/pages/{tree.conference.pk}/edit/"
        data = form_data(client, url, title="公务用车制度改革新闻发布会（实录）", **{"action-publish": "1"})
        client.post(url, data)
        tree.conference.refresh_from_db()
        assert tree.conference.title == "公务用车制度改革新闻发布会（实录）" and tree.conference.live
        assert tree.conference.transcript[0].value["outlet"] == "湖南日报"  # nothing lost on the way


def test_catalogue_editor_cannot_publish_even_in_own_section(roles, client):
    tree, _ = roles
    client.force_login(member("c", f"编辑：{tree.catalogue.title}"))
    url = f"/admin/pages/{tree.policy.pk}/edit/"
    data = form_data(client, url, title="擅自发布", **{"action-publish": "1"})
    client.post(url, data)
    tree.policy.refresh_from_db()
    assert tree.policy.title == "省直机关公务用车管理办法"  # kept as a draft: publishing is the reviewer's
    assert tree.policy.get_latest_revision_as_object().title == "擅自发布"


def test_default_moderation_workflow_replaced(roles):
    tree, out = roles
    root = Page.get_first_root_node()
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert "detached from the root page" in out
    assert tree.news.get_workflow().name == "栏目审批"
    assert tree.policy.get_workflow().name == "信息公开审批"
    assert [t.name for t in tree.news.get_workflow().tasks] == ["审核员审批"]
    # Wagtail's leftovers: its approval workflow and task, and the groups no role uses, are gone
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert Collection.get_first_root_node().name == "全部"


def test_approval_refused_when_the_submitted_page_now_fails_a_check(roles, client):
    from cms.editorial.models import SensitiveWord

    tree, _ = roles
    editor = member("bianji", f"编辑：{tree.catalogue.title}")
    client.force_login(editor)
    url = f"/admin/pages/{tree.policy.pk}/edit/"
    client.post(url, form_data(client, url, summary="本办法为征求意见稿。", **{"action-submit": "1"}))
    tree.policy.refresh_from_db()
    assert tree.policy.current_workflow_state.status == "in_progress"

    SensitiveWord.objects.update_or_create(word="征求意见稿", defaults={"replacement": ""})  # listed after submission
    client.force_login(member("shenhe", "审核员"))
    response = workflow_post(client, tree.policy, "approve")
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "未能审核通过" in html and "征求意见稿" in html
    tree.policy.refresh_from_db()
    assert tree.policy.current_workflow_state.status == "in_progress"  # still waiting, nothing published
    assert tree.policy.summary != "本办法为征求意见稿。"


def test_approval_from_the_dashboard_is_checked_too(roles, client):
    """The dashboard's "Approve" (and the review preview's) posts to Wagtail's workflow action view, not the page
    editor: a revision that fails a check is not approved there either, and a clean one is."""
    from django.urls import reverse

    from cms.editorial.models import SensitiveWord

    tree, _ = roles
    client.force_login(member("bianji", f"编辑：{tree.catalogue.title}"))
    url = f"/admin/pages/{tree.policy.pk}/edit/"
    client.post(url, form_data(client, url, summary="本办法为征求意见稿。", **{"action-submit": "1"}))
    tree.policy.refresh_from_db()
    task_state = tree.policy.current_workflow_state.current_task_state
    SensitiveWord.objects.update_or_create(word="征求意见稿", defaults={"replacement": ""})

    client.force_login(member("shenhe", "审核员"))
    dashboard = client.get("/admin/").content.decode()
    approve = reverse("wagtailadmin_pages:workflow_action", args=[tree.policy.pk, "approve", task_state.pk])
    assert approve in dashboard
    response = client.post(approve, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200 and response.json()["step"] == "success"
    refusal = PageLogEntry.objects.get(page=tree.policy, action="editorial.publish_refused", data__action="approve")
    assert response.json()["redirect"] == f"{url}?editorial_refusal={refusal.pk}"  # the editor, naming the refusal
    html = client.get(response.json()["redirect"]).content.decode()
    assert "未能审核通过" in html and "征求意见稿" in html
    tree.policy.refresh_from_db()
    assert tree.policy.current_workflow_state.status == "in_progress"
    assert tree.policy.summary != "本办法为征求意见稿。"

    SensitiveWord.objects.filter(word="征求意见稿").delete()  # the list changed back: now it goes through
    response = client.post(approve, {"comment": ""})
    assert response.status_code == 302
    tree.policy.refresh_from_db()
    assert tree.policy.current_workflow_state is None and tree.policy.live
    assert tree.policy.summary == "本办法为征求意见稿。"

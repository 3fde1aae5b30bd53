"""The pre-publication checks where Wagtail puts them: the reviewers' approval task refusing "approve" through
Wagtail's own workflow action URL, bulk publishing, scheduled go-live (publish_scheduled), and a clean page going
through submit → approve → live; setup_roles and the data migration make the existing reviewers' task the checked one."""

import importlib
from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, Task, Workflow, WorkflowTask
from wagtail.test.utils.form_data import rich_text

from cms.editorial.models import PrePublicationApprovalTask, SensitiveWord
from tests.cms.editorial.conftest import form_data, member

WORD = "征求意见稿"
# A one-paragraph body as the StreamField editor posts it.
BODY = {
    "body-count": 1,
    "body-0-type": "paragraph",
    "body-0-deleted": "",
    "body-0-order": 0,
    "body-0-id": "",
    "body-0-value": rich_text("<p>各单位积极参加节能宣传周活动。</p>"),
}


def submit(client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    response = client.post(url, form_data(client, url, **changes, **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    return page.current_workflow_state.current_task_state


def test_the_reviewers_task_is_the_checked_approval(roles):
    tree, _ = roles
    for page in (tree.policy, tree.news):
        tasks = [t.specific for t in page.get_workflow().tasks]
        assert [type(t) for t in tasks] == [PrePublicationApprovalTask] and tasks[0].name == "审核员审批"


def test_task_refuses_approve_through_wagtails_own_url(roles, client):
    tree, _ = roles
    client.force_login(member("bianji", f"编辑：{tree.catalogue.title}"))
    task_state = submit(client, tree.policy, summary=f"本办法为{WORD}。")
    SensitiveWord.objects.get_or_create(word=WORD)  # listed after submission

    reviewer = member("shenhe", "审核员")
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[tree.policy.pk, "approve", task_state.pk])
    match = resolve(url)  # Wagtail's own view: nothing shadows it any more
    assert (match.namespace, match.url_name) == ("wagtailadmin_pages", "workflow_action")
    response = client.post(url, {"comment": ""})
    refusal = PageLogEntry.objects.get(page=tree.policy, action="editorial.publish_refused")
    assert refusal.user == reviewer and refusal.data["action"] == "approve" and WORD in refusal.data["problems"][0]
    assert response.status_code == 302 and response.url == f"/admin/pages/{tree.policy.pk}/edit/?editorial_refusal={refusal.pk}"
    html = client.get(response.url).content.decode()
    assert "未能审核通过" in html and WORD in html
    assert "尚不能发布" not in html  # the refusal lists the problems; the opening warning does not repeat them

    tree.policy.refresh_from_db()
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert tree.policy.summary != f"本办法为{WORD}。"
    assert not PageLogEntry.objects.filter(page=tree.policy, action="wagtail.workflow.approve").exists()

    # rejecting is never refused: the editor gets it back with the reviewer's comment
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[tree.policy.pk, "reject", task_state.pk]), {"comment": "请删去"}
    )
    task_state.refresh_from_db()
    assert response.status_code == 302 and task_state.status == "rejected"


def test_another_users_refusal_is_not_shown(roles, client):
    tree, _ = roles
    SensitiveWord.objects.get_or_create(word=WORD)
    entry = PageLogEntry.objects.log_action(
        tree.policy, "editorial.publish_refused", data={"action": "approve", "problems": [WORD]}
    )
    client.force_login(member("guanli", "网站管理员"))
    html = client.get(f"/admin/pages/{tree.policy.pk}/edit/?editorial_refusal={entry.pk}").content.decode()
    assert "未能审核通过" not in html


def test_clean_page_goes_through_submit_approve_live(roles, client):
    tree, _ = roles
    editor = member("bianji", f"编辑：{tree.news_index.title}")
    client.force_login(editor)
    add_url = f"/admin/pages/add/news/newspage/{tree.news_index.pk}/"
    data = form_data(client, add_url, title="机关开展节能宣传周活动", slug="jn-week", **BODY, **{"action-submit": "1"})
    assert client.post(add_url, data).status_code == 302
    page = Page.objects.get(slug="jn-week").specific
    task_state = page.current_workflow_state.current_task_state
    assert not page.live and type(task_state.task.specific) is PrePublicationApprovalTask

    client.force_login(member("shenhe", "审核员"))
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert approve in client.get("/admin/").content.decode()  # the dashboard's "Approve"
    response = client.post(approve, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200 and response.json()["redirect"] == f"/admin/pages/{page.pk}/edit/"
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None
    assert client.get(page.url).status_code == 200
    assert not PageLogEntry.objects.filter(page=page, action="editorial.publish_refused").exists()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists()


def test_bulk_publish_by_a_reviewer_is_refused_and_logged(roles, client):
    tree, _ = roles
    SensitiveWord.objects.get_or_create(word="小道消息")
    NewsPage = type(tree.news)
    bad = tree.news_index.add_child(instance=NewsPage(title="坊间小道消息", slug="xd", live=False, body=[]))
    bad.save_revision()
    good = tree.news_index.add_child(instance=NewsPage(title="节能宣传周", slug="jn", live=False, body=[]))
    good.save_revision()
    reviewer = member("shenhe", "审核员")
    client.force_login(reviewer)
    listing = f"/admin/pages/{tree.news_index.pk}/"
    url = f"/admin/bulk/wagtailcore/page/publish/?id={bad.pk}&id={good.pk}&next={listing}"
    assert client.get(url).status_code == 200  # the confirmation Wagtail shows first
    response = client.post(url)
    assert response.status_code == 302 and response.url == listing
    html = client.get(listing).content.decode()
    assert "未发布任何页面" in html and "坊间小道消息：" in html
    bad.refresh_from_db()
    good.refresh_from_db()
    assert not bad.live and not good.live  # refused as a whole
    refusal = PageLogEntry.objects.get(page=bad, action="editorial.publish_refused")
    assert refusal.user == reviewer and refusal.data["action"] == "publish"
    assert not PageLogEntry.objects.filter(page=good, action="editorial.publish_refused").exists()


def schedule(page, **changes):
    """A revision approved earlier to go live a minute ago, as the page editor's publish with a go-live date leaves it."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    return revision


def test_scheduled_go_live_refused_and_logged(roles, client):
    tree, _ = roles
    failing = schedule(tree.policy, summary=f"本办法为{WORD}。")
    clean = schedule(tree.news, title="机关事务工作动态（更新）")
    SensitiveWord.objects.get_or_create(word=WORD)  # listed after the schedule was approved

    out = StringIO()
    call_command("publish_scheduled", stdout=out)

    policy = Page.objects.get(pk=tree.policy.pk).specific
    failing.refresh_from_db()
    assert policy.summary != f"本办法为{WORD}。" and policy.live_revision_id != failing.pk  # not published
    assert failing.approved_go_live_at is None  # unscheduled: a draft again, not retried on every run
    refusal = PageLogEntry.objects.get(page=policy, action="editorial.publish_refused")
    assert refusal.data["action"] == "go_live" and WORD in refusal.data["problems"][0] and refusal.user is None
    assert PageLogEntry.objects.filter(page=policy, action="wagtail.schedule.cancel", revision=failing).exists()
    assert WORD in out.getvalue()

    news = Page.objects.get(pk=tree.news.pk)
    assert news.title == "机关事务工作动态（更新）" and news.live_revision_id == clean.pk  # the clean one went live

    client.force_login(member("guanli", "网站管理员"))
    history = client.get(f"/admin/pages/{policy.pk}/history/").content.decode()
    assert "按计划上线" in history and WORD in history

    call_command("publish_scheduled", stdout=StringIO())  # nothing left to refuse, nothing logged twice
    assert PageLogEntry.objects.filter(page=policy, action="editorial.publish_refused").count() == 1


def test_scheduled_dry_run_changes_nothing(roles):
    tree, _ = roles
    failing = schedule(tree.policy, summary=f"本办法为{WORD}。")
    SensitiveWord.objects.get_or_create(word=WORD)
    call_command("publish_scheduled", "--dryrun", stdout=StringIO())
    failing.refresh_from_db()
    assert failing.approved_go_live_at is not None
    assert not PageLogEntry.objects.filter(page=tree.policy, action="editorial.publish_refused").exists()


def plain_review_task(tree):
    """The reviewers' task as an older setup_roles made it: a plain group approval, with a page in moderation on it."""
    checked = PrePublicationApprovalTask.objects.get(name="审核员审批")
    groups = list(checked.groups.all())
    workflows = list(Workflow.objects.filter(workflow_tasks__task=checked))
    WorkflowTask.objects.filter(task=checked).delete()
    checked.delete()
    plain = GroupApprovalTask.objects.create(name="审核员审批")
    plain.groups.set(groups)
    for flow in workflows:
        WorkflowTask.objects.create(workflow=flow, task=plain, sort_order=0)
    tree.policy.get_workflow().start(tree.policy, None)
    return plain


def assert_promoted(plain, tree):
    task = Task.objects.get(pk=plain.pk).specific
    assert type(task) is PrePublicationApprovalTask and task.name == "审核员审批"
    assert list(task.groups.values_list("name", flat=True)) == ["审核员"]
    assert [t.pk for t in tree.policy.get_workflow().tasks] == [plain.pk]
    tree.policy.refresh_from_db()
    assert tree.policy.current_workflow_task.pk == plain.pk  # the page in moderation stays where it was
    assert type(tree.policy.current_workflow_task) is PrePublicationApprovalTask


def test_data_migration_makes_the_existing_reviewers_task_checked(roles):
    tree, _ = roles
    plain = plain_review_task(tree)
    migration = importlib.import_module("cms.editorial.migrations.0004_review_task_runs_the_checks")
    migration.promote(apps, None)
    assert_promoted(plain, tree)
    migration.promote(apps, None)  # a second run changes nothing
    assert PrePublicationApprovalTask.objects.count() == 1


def test_setup_roles_rerun_makes_the_existing_reviewers_task_checked(roles):
    tree, _ = roles
    plain = plain_review_task(tree)
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert "审核员审批" in out.getvalue()
    assert_promoted(plain, tree)
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert "0 change(s)" in out.getvalue()


def test_the_task_type_can_be_chosen_in_the_admin(roles, client):
    client.force_login(member("guanli", "网站管理员"))
    html = client.get(reverse("wagtailadmin_workflows:select_task_type")).content.decode()
    assert "发布前检查后审批" in html


def test_publishing_a_new_page_is_refused_and_it_stays_a_draft(roles, client):
    tree, _ = roles
    SensitiveWord.objects.get_or_create(word="小道消息")
    client.force_login(member("shenhe", "审核员"))
    add_url = f"/admin/pages/add/news/newspage/{tree.news_index.pk}/"
    data = form_data(client, add_url, title="小道消息不可信", slug="xd-new", **BODY, **{"action-publish": "1"})
    response = client.post(add_url, data)
    page = Page.objects.get(slug="xd-new")
    refusal = PageLogEntry.objects.get(page=page, action="editorial.publish_refused")
    assert refusal.data["action"] == "publish"
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/edit/?editorial_refusal={refusal.pk}"
    assert not page.live and page.live_revision is None and page.get_latest_revision_as_object().title == "小道消息不可信"
    assert client.get(page.url).status_code == 404  # not served to visitors either
    html = client.get(response.url).content.decode()
    assert "未能发布" in html and "小道消息" in html

"""Pre-publication checks, through the real page editor: publishing and submitting are refused with every
problem listed, the draft is saved, the refusal is in the page's history; a clean page publishes."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page, PageLogEntry

from cms.editorial.checks import check_page
from cms.editorial.models import PublishingChecks, SensitiveWord
from tests.cms.editorial.conftest import form_data, member
from tests.factories import make_document, make_image


@pytest.fixture
def admin_client(client, site_tree):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    return client


def test_publish_refused_lists_every_problem_and_keeps_the_draft(admin_client, site_tree):
    policy = site_tree.policy
    SensitiveWord.objects.update_or_create(word="公车私用", defaults={"replacement": "公务用车私用"})
    gone = make_document("已删除的附件")
    gone_id = gone.pk
    gone.delete()
    draft = site_tree.news_index.add_child(
        instance=type(site_tree.news)(title="未发布的新闻", slug="draft-news", live=False, body=[])
    )
    image = make_image("现场照片")  # no description: its alt text would be the file title
    body = (
        f'<p>严禁公车私用。见<a linktype="page" id="{draft.pk}">草稿</a>和'
        f'<a linktype="document" id="{gone_id}">附件</a>。</p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'
    )
    url = f"/admin/pages/{policy.pk}/edit/"
    data = form_data(admin_client, url, body=body, title="省直机关公务用车管理办法（修订）", **{"action-publish": "1"})
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "发布前检查" in html and "公务用车私用" in html
    assert "未发布的新闻" in html and "不存在" in html and "替代文字" in html

    policy.refresh_from_db()
    assert policy.title == "省直机关公务用车管理办法"  # the live page is unchanged
    latest = policy.get_latest_revision_as_object()
    assert latest.title == "省直机关公务用车管理办法（修订）" and "公车私用" in latest.body  # the draft is kept
    assert policy.has_unpublished_changes

    assert html.count("公务用车私用") == 1  # listed once: the refusal, not again as a warning
    assert "尚不能发布" in admin_client.get(url).content.decode()  # opening the draft again shows the problems

    entry = PageLogEntry.objects.filter(page=policy, action="editorial.publish_refused").get()
    assert entry.user.username == "root" and len(entry.data["problems"]) == 4
    history = admin_client.get(f"/admin/pages/{policy.pk}/history/").content.decode()
    assert "公务用车私用" in history
    assert "公务用车私用" in admin_client.get("/admin/reports/site-history/").content.decode()

    # corrected: the same editor publishes
    data = form_data(admin_client, url, body="<p>严禁公务用车私用。</p>", **{"action-publish": "1"})
    admin_client.post(url, data)
    policy.refresh_from_db()
    assert policy.live and policy.title == "省直机关公务用车管理办法（修订）" and not policy.has_unpublished_changes


def test_submit_refused_for_missing_metadata_on_a_new_item(roles, client):
    tree, _ = roles
    PublishingChecks.load().document_number_genres.add(tree.genres["tz"])
    editor = member("catalogue-editor", f"编辑：{tree.catalogue.title}")
    client.force_login(editor)
    url = f"/admin/pages/add/disclosure/disclosureitempage/{tree.finance.pk}/"
    data = form_data(
        client,
        url,
        title="关于做好节能工作的通知",
        slug="jn-tz",
        organ=tree.organ.pk,
        topic=tree.topics["jgsw"].pk,
        genre=tree.genres["tz"].pk,
        body="<p>各单位：</p>",
        **{"action-submit": "1"},
    )
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "“通知”须填写“文号”" in html and "“通知”须填写“成文日期”" in html
    page = Page.objects.get(slug="jn-tz").specific
    assert not page.live and page.current_workflow_state is None  # saved as a draft, not submitted
    assert PageLogEntry.objects.filter(page=page, action="editorial.publish_refused", user=editor).exists()

    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client, url, document_number="湘机管发〔2026〕1号", date_written="2026-01-05", **{"action-submit": "1"})
    client.post(url, data)
    page.refresh_from_db()
    assert page.current_workflow_state is not None and page.current_workflow_state.status == "in_progress"


def test_check_page_sees_streamfield_links_images_and_words(site_tree):
    news = site_tree.news
    SensitiveWord.objects.update_or_create(word="小道消息", defaults={"replacement": ""})
    page_gone = site_tree.news_index.add_child(instance=type(news)(title="临时", slug="tmp", body=[]))
    gone_id = page_gone.pk
    page_gone.delete()
    described = make_image("有说明")
    described.description = "省直机关公务用车管理系统界面"
    described.save()
    bare = make_image("无说明")
    news.body = [  # the stored (raw) form of the blocks
        {"type": "paragraph", "value": "<p>小道消息</p>"},
        {"type": "figure", "value": {"image": {"image": bare.pk, "decorative": False, "alt_text": ""}, "caption": ""}},
        {"type": "figure", "value": {"image": {"image": described.pk, "decorative": True, "alt_text": ""}, "caption": ""}},
        {"type": "paragraph", "value": f'<p><a linktype="page" id="{gone_id}">旧</a></p>'},
    ]
    news.image = bare
    problems = [p.message for p in check_page(news)]
    assert any("小道消息" in m and "删除" in m for m in problems)
    assert any("不存在" in m and str(gone_id) in m for m in problems)
    assert any("无说明" in m for m in problems)  # the lead image has no description
    assert sum("替代文字" in m for m in problems) == 2  # the lead image, and the block image without alt text
    news.body = [("paragraph", "<p>正常内容</p>")]
    news.image = described
    assert check_page(news) == []


def test_bulk_publish_refused_when_a_page_fails(admin_client, site_tree):
    SensitiveWord.objects.update_or_create(word="小道消息", defaults={"replacement": ""})
    news = site_tree.news
    bad = site_tree.news_index.add_child(
        instance=type(news)(title="听到的小道消息", slug="xd", live=False, body=[("paragraph", "<p>内容</p>")])
    )
    bad.save_revision()
    good = site_tree.news_index.add_child(
        instance=type(news)(title="正常的新闻", slug="zc", live=False, body=[("paragraph", "<p>内容</p>")])
    )
    good.save_revision()
    url = f"/admin/bulk/wagtailcore/page/publish/?id={bad.pk}&id={good.pk}&next=/admin/pages/{site_tree.news_index.pk}/"
    response = admin_client.post(url, follow=True)
    assert "听到的小道消息：" in response.content.decode()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert not bad.live and not good.live
    assert PageLogEntry.objects.filter(page=bad, action="editorial.publish_refused").exists()
    bad.title = "听到的消息"
    bad.save_revision()
    admin_client.post(url)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.live and good.live


def test_metadata_of_imported_items(site_tree):
    """Items made by a script or an import skip the admin form: the checks still want their metadata."""
    from cms.disclosure.models import DisclosureItemPage
    from cms.policy.models import InterpretationPage

    item = DisclosureItemPage(title="导入的信息", slug="dr", organ=None, topic=site_tree.topics["cz"], genre=None)
    messages = [p.message for p in check_page(item)]
    assert messages == ["缺少必填的元数据“发布机构”。", "缺少必填的元数据“体裁分类”。"]
    interpretation = InterpretationPage(
        title="解读", slug="jd", organ=site_tree.organ, topic=site_tree.topics["cz"], genre=site_tree.genres["bg"], policy=None
    )
    assert [p.kind for p in check_page(interpretation)] == ["metadata"]
    assert check_page(site_tree.policy) == [] and check_page(site_tree.report) == []

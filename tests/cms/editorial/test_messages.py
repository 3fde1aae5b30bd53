"""What the admin tells reviewers and editors around the pre-publication checks: the reviewer's confirmation after
approving or requesting changes says what happened (never Wagtail's bare "已更新"); a refusal stands alone, without a
green message beside it, and names the form field at fault; the alt-text advice is in Chinese and points to a field
the editor can reach (the photo's caption on the page itself), not only to another person's image."""

import re

from wagtail.models import PageLogEntry

from cms.editorial.checks import check_page
from cms.editorial.models import SensitiveWord
from cms.press.models import Photo
from tests.cms.editorial.conftest import form_data, member, workflow_post
from tests.factories import make_image

WORD = "征求意见稿"


def submit(client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    assert client.post(url, form_data(client, url, **changes, **{"action-submit": "1"})).status_code == 302
    page.refresh_from_db()


def messages_after(client, response) -> str:
    """The messages area of the page the response redirects to, as text."""
    html = client.get(response.url).content.decode()
    start = html.find('class="messages')
    assert start >= 0, "no messages shown"
    end = html.find("</ul>", html.find("</li>", start)) if "</li>" in html[start:] else start + 2000
    return re.sub(r"<[^>]+>|\s+", " ", html[start : end + 5 + 3000])


def test_reviewer_is_told_what_approving_and_requesting_changes_did(roles, client):
    tree, _ = roles
    editor = member("bianji", f"编辑：{tree.catalogue.title}")
    reviewer = member("shenhe", "审核员")
    client.force_login(editor)
    submit(client, tree.policy, summary="本办法自印发之日起施行。")

    client.force_login(reviewer)
    response = workflow_post(client, tree.policy, "reject", comment="请补充施行日期。")
    assert response.status_code == 302
    text = messages_after(client, response)
    assert "已退回" in text and "bianji" in text and "请补充施行日期。" in text
    assert "已更新" not in text

    client.force_login(editor)
    submit(client, tree.policy, summary="本办法自2027年1月1日起施行。")
    client.force_login(reviewer)
    response = workflow_post(client, tree.policy, "approve")
    assert response.status_code == 302
    text = messages_after(client, response)
    assert "已审核通过并发布" in text and tree.policy.title in text and "查看已发布的页面" in text
    assert "已更新" not in text
    tree.policy.refresh_from_db()
    assert tree.policy.live and tree.policy.summary == "本办法自2027年1月1日起施行。"


def test_a_refused_approval_stands_alone_and_names_the_field(roles, client):
    tree, _ = roles
    client.force_login(member("bianji", f"编辑：{tree.catalogue.title}"))
    submit(client, tree.policy, summary=f"本办法为{WORD}。")
    SensitiveWord.objects.get_or_create(word=WORD)  # listed after submission

    client.force_login(member("shenhe", "审核员"))
    response = workflow_post(client, tree.policy, "approve")
    assert response.status_code == 302 and "editorial_refusal=" in response.url
    html = client.get(response.url).content.decode()
    messages = html[html.find('class="messages') :][:6000]
    assert "未能审核通过" in messages and WORD in messages
    assert "已更新" not in messages and "已审核通过" not in messages  # no green message beside the red one
    assert 'data-editorial-field="summary"' in messages  # the line names the field at fault …
    assert "editorial/js/refusal-fields.js" in html  # … for the editor's script to mark it
    entry = PageLogEntry.objects.get(page=tree.policy, action="editorial.publish_refused")
    assert entry.data["fields"] == ["summary"]


def test_refused_publishing_names_the_fields(admin_client, site_tree):
    SensitiveWord.objects.update_or_create(word="公车私用", defaults={"replacement": "公务用车私用"})
    policy = site_tree.policy
    url = f"/admin/pages/{policy.pk}/edit/"
    response = admin_client.post(url, form_data(admin_client, url, summary="严禁公车私用。", **{"action-publish": "1"}))
    assert response.status_code == 302
    html = admin_client.get(response.url).content.decode()
    messages = html[html.find('class="messages') :][:6000]
    assert 'data-editorial-field="summary"' in messages and "公务用车私用" in messages
    assert "已更新" not in messages


def test_service_guide_problems_name_their_fields(site_tree):
    from cms.services.models import ServiceGuidePage

    guide = ServiceGuidePage(title="办公用房维修审批", slug="wx")
    fields = {p.field for p in check_page(guide) if p.kind == "metadata"}
    assert fields and fields <= {f.name for f in ServiceGuidePage._meta.get_fields()}


def test_alt_text_advice_for_a_press_photo_points_to_its_caption(site_tree):
    conference = site_tree.conference
    conference.photos.all().delete()
    conference.photos.add(Photo(image=make_image("IMG_2041"), caption=""))
    problems = [p for p in check_page(conference) if p.kind == "alt"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.field == "photos"
    # in Chinese, naming the photo as the press office knows it and the caption field on this very page
    assert "发布会照片" in problem.message and "“说明”" in problem.message and "替代文字" in problem.message
    assert "上传者" in problem.message  # the image's description belongs to whoever may edit the image
    words = set(re.findall(r"[A-Za-z]{3,}", problem.message.replace("IMG_2041", "")))
    assert not words, words  # no English model or field names

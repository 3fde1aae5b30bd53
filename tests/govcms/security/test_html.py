"""HTML from editors, imports and code is sanitised on every save: pages, revisions (drafts), stream blocks."""

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from cms.disclosure.models import DisclosureItemPage
from govcms.security.html import sanitise_html
from tests.factories import item_form_data, make_image
from tests.govcms.security.support import ALL_XSS, EVASION_PAYLOADS, XSS_PAYLOADS, executable_parts

pytestmark = pytest.mark.django_db

ALL_PAYLOADS = "".join(f"<p>保留文字{i}</p>{payload}" for i, payload in enumerate(ALL_XSS))


def assert_clean(html: str, *, page: bool = False) -> None:
    problems = executable_parts(html, page=page)
    assert not problems, problems


def assert_text_kept(html: str) -> None:
    for i in range(len(ALL_XSS)):
        assert f"保留文字{i}" in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_each_payload_is_reduced_to_inert_html(payload):
    assert executable_parts(payload), "the payload itself must be executable for the test to mean anything"
    cleaned = sanitise_html(f"<p>前文</p>{payload}<p>后文</p>")
    assert_clean(cleaned)
    assert "<p>前文</p>" in cleaned and "<p>后文</p>" in cleaned


@pytest.mark.parametrize("payload", EVASION_PAYLOADS)
def test_evasion_text_stays_text(payload):
    cleaned = sanitise_html(f"<p>{payload}</p>")
    assert_clean(cleaned)
    assert "<script" not in cleaned and "<img" not in cleaned
    assert "alert(" in cleaned  # kept as visible text, not dropped


def test_wagtail_rich_text_markup_survives():
    html = (
        '<h2 id="x">标题</h2><p><b>粗</b><i>斜</i><a linktype="page" id="3">页面</a>'
        '<a linktype="document" id="4">文件</a><a href="https://www.gov.cn/">外链</a>'
        '<a href="mailto:ban@example.gov.cn">邮件</a><a href="tel:0731-1234">电话</a></p>'
        '<embed alt="图" embedtype="image" format="left" id="7"/><ul><li>一</li></ul><ol><li>二</li></ol><hr/>'
        '<blockquote>引</blockquote><table><tbody><tr><td colspan="2">格</td></tr></tbody></table>'
    )
    cleaned = sanitise_html(html)
    for part in (
        '<a linktype="page" id="3">页面</a>',
        '<a linktype="document" id="4">文件</a>',
        '<a href="https://www.gov.cn/">外链</a>',
        'href="mailto:ban@example.gov.cn"',
        'href="tel:0731-1234"',
        '<embed alt="图" embedtype="image" format="left" id="7"/>',
        "<b>粗</b>",
        "<ul><li>一</li></ul>",
        "<blockquote>引</blockquote>",
        '<td colspan="2">格</td>',
    ):
        assert part in cleaned, part
    # Wagtail still recognises the embed and renders the image from it.
    image = make_image("嵌入图")
    rendered = str(RichText(sanitise_html(f'<embed embedtype="image" id="{image.pk}" format="left" alt="图"/>')))
    assert "<img" in rendered and 'alt="图"' in rendered


def test_rich_text_field_is_sanitised_on_orm_save_and_page_renders_clean(site_tree, client):
    policy = site_tree.policy
    policy.body = ALL_PAYLOADS
    revision = policy.save_revision()
    assert_clean(revision.content["body"])
    assert_text_kept(revision.content["body"])
    revision.publish()
    policy.refresh_from_db()
    assert_clean(policy.body)
    assert_text_kept(policy.body)
    response = client.get(policy.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_clean(html, page=True)
    assert_text_kept(html)


def test_draft_revisions_are_clean_too(site_tree):
    """A draft that is never published is sanitised in its revision, so previews and comparisons are safe."""
    news = site_tree.news
    news.body = [("paragraph", RichText("".join(f"<p>保留文字{i}</p>{p}" for i, p in enumerate(XSS_PAYLOADS))))]
    revision = news.save_revision()
    revision.refresh_from_db()
    stored = str(revision.content["body"])
    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    draft = revision.as_object()
    assert_clean(draft.body[0].value.source)
    assert "保留文字0" in draft.body[0].value.source and "保留文字9" in draft.body[0].value.source


def test_stream_field_blocks_nested_in_structs_are_sanitised(site_tree, client):
    conference = site_tree.conference
    conference.transcript = [
        ("qa", {"asker": "", "outlet": "报社", "question": "问题？", "answerer": "张三", "answer": RichText(ALL_PAYLOADS)})
    ]
    conference.save_revision().publish()
    conference.refresh_from_db()
    answer = conference.transcript[0].value["answer"].source
    assert_clean(answer)
    assert_text_kept(answer)
    html = client.get(conference.url).content.decode()
    assert_clean(html, page=True)
    assert "保留文字0" in html


def test_stream_field_saved_directly_is_sanitised(site_tree):
    """Imports that write pages with .save() (no revision) are covered by the same pre_save hook."""
    about = site_tree.about
    about.body = [("paragraph", RichText('<p>机构</p><img src=x onerror=alert(1)><a href="javascript:x()">链</a>'))]
    about.save()
    about.refresh_from_db()
    assert about.body[0].value.source == "<p>机构</p><a>链</a>"


def test_admin_edit_post_stores_and_renders_clean_html(site_tree, admin_client_logged_in):
    client = admin_client_logged_in
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", site_tree.policies.pk])
    body = '<p>正文保留</p><p><a href="javascript:alert(1)">恶意链接</a></p><p>图<script>alert(2)</script></p>'
    response = client.post(url, {**item_form_data(site_tree, body, slug="xss-item"), "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DisclosureItemPage.objects.get(slug="xss-item")
    assert "正文保留" in page.body
    assert_clean(page.body)
    assert_clean(str(page.latest_revision.content["body"]))
    html = client.get(page.url).content.decode()
    assert "正文保留" in html
    assert_clean(html, page=True)

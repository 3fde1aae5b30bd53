"""Personal data stays in the admin: never on the public page, site search, feeds, the API or the sitemap; staff
see it only with privacy.view_personal_data, and each view is logged."""

import pytest
from django.core.files.base import ContentFile

from interaction.letters import workflow
from interaction.letters.models import Letter, LetterCategory, PublishedLetterPage
from interaction.privacy.models import PersonalDataView
from search import engines, queue
from tests.interaction.letters.conftest import confirmation_for
from tests.interaction.letters.test_flow import EMAIL, MESSAGE, NAME, PHONE

pytestmark = pytest.mark.django_db

SECRETS = (NAME, "张先生", PHONE, EMAIL, "430102198001011234", "韶山北路12号", "502室")


@pytest.fixture
def answered(mailbox, reviewer):
    letter = Letter.objects.create(
        writer_name=NAME,
        phone=PHONE,
        email=EMAIL,
        category=LetterCategory.objects.get(name="咨询"),
        subject=f"{NAME}咨询办公用房维修申报",
        message=MESSAGE,
        mailbox=mailbox,
    )
    letter.attachment.save("证明.pdf", ContentFile(b"%PDF-1.4\n% proof\n"))
    workflow.save_draft(letter, f"{NAME}您好：请于每年3月通过办公用房管理系统申报。如有疑问请致电{PHONE}联系。", reviewer)
    workflow.approve(letter, reviewer, confirmation_for(letter))
    letter.refresh_from_db()
    return letter


def assert_clean(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret} in {where}"


def test_no_personal_data_on_any_public_channel(client, answered, empty_cache):
    page = PublishedLetterPage.objects.get()
    assert page.title == "[已隐去]咨询办公用房维修申报"
    queue.process(engines.embedded())
    html = client.get(page.url).content.decode()
    assert "请于每年3月通过办公用房管理系统申报" in html
    assert_clean(html, "the page")

    found = client.get("/search/", {"q": "办公用房维修申报"}).content.decode()
    assert page.url in found
    assert_clean(found, "/search/")
    for q in (NAME, PHONE, "韶山北路"):
        hits = client.get("/api/search/", {"q": q}).json()
        assert not [h for h in hits.get("results", []) if h.get("url") == page.url], q
    api_hits = client.get("/api/search/", {"q": "办公用房维修申报"})
    assert page.url in api_hits.content.decode()
    assert_clean(api_hits.content.decode(), "/api/search/")

    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/rss/type/letters.publishedletterpage/", "/feeds/rss/section/jzxx/"):
        feed = client.get(url)
        assert feed.status_code == 200, url
        assert page.url in feed.content.decode(), url
        assert_clean(feed.content.decode(), url)

    listing = client.get("/api/v2/pages/", {"type": "letters.PublishedLetterPage", "fields": "*"})
    assert listing.status_code == 200 and listing.json()["meta"]["total_count"] == 1
    detail = client.get(f"/api/v2/pages/{page.pk}/")
    assert detail.json()["reply"] == "[已隐去]您好：请于每年3月通过办公用房管理系统申报。如有疑问请致电[已隐去]联系。"
    for answer in (listing, detail, client.get("/api/v2/pages/", {"search": "办公用房"}), client.get("/sitemap.xml")):
        assert_clean(answer.content.decode(), answer.request["PATH_INFO"])
    for route in ("/jzxx/", "/jzxx/write/", "/jzxx/lookup/"):
        assert_clean(client.get(route).content.decode(), route)


def test_writer_declined_publication(mailbox, reviewer):
    letter = Letter.objects.create(
        writer_name=NAME,
        phone=PHONE,
        category=LetterCategory.objects.get(name="建议"),
        subject="建议不公开的来信",
        message=MESSAGE,
        publish_allowed=False,
        mailbox=mailbox,
    )
    workflow.save_draft(letter, "您好：感谢您的建议，我们已转相关处室研究。", reviewer)
    workflow.approve(letter, reviewer, confirmation_for(letter))
    letter.refresh_from_db()
    assert letter.status == "replied" and letter.published_page is None
    assert not PublishedLetterPage.objects.exists()


def test_personal_data_needs_the_permission_and_every_view_is_logged(client, answered, clerk, handler):
    url = f"/admin/letters/edit/{answered.pk}/"
    download = f"/admin/letters/attachment/{answered.pk}/"
    client.force_login(clerk)
    html = client.get(url).content.decode()
    assert "个人信息已隐藏" in html and "咨询办公用房维修" in html
    assert_clean(html, "the admin without the permission")
    assert client.get(download).status_code in (302, 403)
    listing = client.get("/admin/letters/").content.decode()
    assert "[已隐去]咨询办公用房维修申报" in listing
    assert_clean(listing, "the admin listing without the permission")
    assert not PersonalDataView.objects.exists()

    client.force_login(handler)
    html = client.get(url).content.decode()
    assert NAME in html and PHONE in html and EMAIL in html and "本次查看来信人个人信息已记录" in html
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]  # a PDF from a visitor too: never shown inline
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    views = list(PersonalDataView.objects.order_by("viewed_at", "pk").values_list("user__username", "action"))
    assert views == [("handler", "办理来信"), ("handler", "下载附件")]
    # The attachment has no public URL at all.
    with pytest.raises(ValueError):
        answered.attachment.url  # noqa: B018

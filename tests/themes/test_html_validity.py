"""Every public page type, and the public forms (with their errors and the picture check shown), is valid HTML for
the Nu Html Checker."""

from pathlib import Path

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.news.models import NewsPage
from interaction.disclosure_requests.models import DisclosureRequestPage
from interaction.letters.models import MailboxPage
from interaction.stats.models import InteractionStatisticsPage
from tests.checkers import vnu_errors
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page(site_tree, settings, empty_cache, tmp_path):
    settings.LETTERS_CAPTCHA = "always"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    home = site_tree.home
    publish(home, MailboxPage(title="局长信箱", slug="jzxx", summary="写信给局长。"))
    publish(home, DisclosureRequestPage(title="依申请公开", slug="ysqgk", summary="如何申请公开政府信息"))
    publish(home, InteractionStatisticsPage(title="互动统计", slug="hdtj", summary="来信和申请的办理统计"))
    # An editor's headings that skip levels (h1 → h3 → h4 in blocks and rich text) must still come out in order.
    publish(
        site_tree.news_index,
        NewsPage(
            title="标题层级",
            slug="headings",
            body=[
                ("heading", {"text": "三级标题", "level": "h3"}),
                ("paragraph", RichText("<h4>四级标题</h4><p>正文。</p>")),
            ],
        ),
    )
    return site_tree


def test_every_page_type_is_valid_html(client, every_page, tmp_path):
    urls: dict[str, str] = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("content_type").order_by("path"):
        if page.url:  # Wagtail's own welcome page lies outside the site
            urls.setdefault(page.content_type.model, page.url)
    urls["headings"] = "/news/headings/" if "/news/" in urls.get("newsindexpage", "") else urls["newspage"]
    urls.update(
        {
            "search": "/search/?q=公务用车",
            "search-empty": "/search/?q=",
            "mailbox-write": "/jzxx/write/",
            "mailbox-lookup": "/jzxx/lookup/",
            "report-error": "/zhaocuo/?page=/",
            "not-found": "/no-such-page/",
        }
    )
    assert len(urls) >= 24, urls
    files = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    # the forms as they come back with errors: the letter (radio questions, a text over the limit) and a request
    for name, url, data in (
        ("mailbox-errors", "/jzxx/write/", {"subject": "长" * 5000}),
        ("request-errors", "/ysqgk/", {"info_description": "长" * 5000}),
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 400), (name, response.status_code)
        assert b"form-errors" in response.content, name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    errors = vnu_errors(files)
    assert not errors, "\n".join(f"{Path(e['url']).name}: {e['message']} [{e.get('extract', '')[:80]}]" for e in errors[:20])

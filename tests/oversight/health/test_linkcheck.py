"""The link check of published pages against a local server: links found in rich text and attachments, internal
targets checked in the database, a dead address broken only after three checks, the editors mailed once, the
health rule and the admin list; and the pre-publication checks reporting a dead external link."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.editorial.checks import check_page
from cms.news.models import NewsPage
from govcms.links.probe import Prober
from oversight.health import linkcheck
from oversight.health.models import LinkCheckRun, LinkTarget
from oversight.health.rules.links import links_working
from tests.factories import make_document, publish
from tests.govcms.links.server import link_server

from .conftest import news_column


@pytest.fixture
def server():
    with link_server() as server:
        yield server


def quick(server) -> Prober:
    return Prober(allowed_hosts={server.host}, timeout=(1.0, 0.5), retries=0, backoff=0.0, per_host_rate=50)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("bianji", "bianji@example.gov.cn", "pw")


def page_with_links(home, server, editor) -> NewsPage:
    column = news_column(home, "工作动态", "gzdt")
    draft = publish(column, NewsPage(title="草稿页", slug="draft", date=dt.date(2026, 11, 1), body=[("paragraph", "<p>x</p>")]))
    draft.unpublish()
    doc = make_document("附件")
    body = (
        f'<p><a href="{server.base}/ok">好链接</a> <a href="{server.base}/missing">坏链接</a> '
        f'<a href="{server.base}/loop">循环</a> <a linktype="page" id="{draft.pk}">未发布页</a> '
        f'<a linktype="document" id="{doc.pk}">附件</a></p>'
    )
    page = NewsPage(title="有链接的文章", slug="links", date=dt.date(2026, 11, 1), body=[("paragraph", body)], owner=editor)
    return publish(column, page)


def test_links_are_found_checked_stored_and_broken_after_three_checks(home, server, editor):
    page = page_with_links(home, server, editor)
    linkcheck.run(prober=quick(server))
    status = {t.url.removeprefix(server.base): t for t in LinkTarget.objects.all()}
    assert status["/ok"].status == "ok"
    assert status["/missing"].status == "failing" and status["/missing"].failures == 1 and status["/missing"].code == 404
    assert status["/loop"].status == "failing"
    unpublished = next(t for t in status.values() if t.kind == "page")
    assert unpublished.status == "broken"  # an unpublished page is broken at once
    assert next(t for t in status.values() if t.kind == "document").status == "ok"
    assert {use.page_id for t in status.values() for use in t.uses.all()} == {page.pk}

    assert len(mail.outbox) == 1 and "有链接的文章" in mail.outbox[0].body and mail.outbox[0].to == ["bianji@example.gov.cn"]
    linkcheck.run(prober=quick(server))
    assert LinkTarget.objects.get(url=server.base + "/missing").status == "failing"
    linkcheck.run(prober=quick(server))
    broken = LinkTarget.objects.get(url=server.base + "/missing")
    assert broken.status == "broken" and broken.failures == 3
    assert len(mail.outbox) == 2 and f"{server.base}/missing" in mail.outbox[1].body
    assert "/ok" not in mail.outbox[1].body.replace("/okx", "")
    linkcheck.run(prober=quick(server))
    assert len(mail.outbox) == 2  # told once
    assert LinkCheckRun.objects.count() == 4

    result = links_working(timezone.now())
    assert result.status == "fail"
    assert {i["url"] for i in result.items} == {reverse("wagtailadmin_pages:edit", args=[page.pk])}
    assert any("/missing" in i["title"] for i in result.items) and any("/loop" in i["title"] for i in result.items)


def test_a_link_removed_from_the_page_is_forgotten(home, server, editor):
    page = page_with_links(home, server, editor)
    linkcheck.run(prober=quick(server), mail=False)
    page.body = [("paragraph", f'<p><a href="{server.base}/ok">好链接</a></p>')]
    page.save_revision().publish()
    linkcheck.run(prober=quick(server), mail=False)
    assert list(LinkTarget.objects.values_list("url", flat=True)) == [server.base + "/ok"]


def test_the_broken_links_list_in_the_admin(home, server, editor, admin_client):
    page_with_links(home, server, editor)
    linkcheck.run(prober=quick(server), mail=False)
    response = admin_client.get(reverse("health:links"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "有链接的文章" in html and f"{server.base}/missing" in html and "HTTP 404" in html


def test_pre_publication_checks_report_a_dead_external_link(home, server, settings):
    settings.EDITORIAL_LINK_CHECK_SECONDS = 5
    settings.LINKCHECK_ALLOWED_PRIVATE_HOSTS = [server.host]
    column = news_column(home, "工作动态", "gzdt")
    body = f'<p><a href="{server.base}/missing">坏链接</a> <a href="{server.base}/ok">好链接</a></p>'
    page = NewsPage(title="待发布", slug="pending", date=dt.date(2026, 11, 1), body=[("paragraph", body)])
    column.add_child(instance=page)
    problems = [p for p in check_page(page) if p.kind == "link"]
    assert len(problems) == 1 and f"{server.base}/missing" in problems[0].message
    settings.EDITORIAL_LINK_CHECK_SECONDS = 0
    assert not [p for p in check_page(page) if p.kind == "link"]

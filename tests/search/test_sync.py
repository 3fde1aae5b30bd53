"""Staying in sync: signals queue changes, the queue survives a failing engine and catches up, attachments are read."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.disclosure.models import DisclosureAttachment
from search import engines, queue
from search.attachments import extract_bytes
from search.engines.base import Engine, EngineUnavailable
from search.models import IndexTask, SearchEntry
from search.query import parse
from tests.factories import make_document, publish


def found(q: str) -> list[str]:
    return [h.title for h in engines.embedded().search(parse({"q": q, "per_page": 50})[0]).hits]


@pytest.fixture
def live_site(site_tree, django_capture_on_commit_callbacks):
    """build_site() with the index brought up to date, and on-commit work run as it would be after a request."""
    queue.process(engines.embedded())
    return site_tree


def test_publish_indexes_and_unpublish_removes(live_site, django_capture_on_commit_callbacks):
    from cms.news.models import NewsPage

    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            live_site.news_index, NewsPage(title="食堂膳食管理新规", slug="st", body=[("paragraph", "<p>机关食堂节约粮食。</p>")])
        )
    assert "食堂膳食管理新规" in found("食堂")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "食堂膳食管理新规" not in found("食堂")
    assert not IndexTask.objects.exists()


def test_delete_and_move_update_the_index(live_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        live_site.article.move(live_site.column, pos="last-child")
    entry = SearchEntry.objects.get(page_id=live_site.article.pk)
    assert entry.url == "/ztzl/jyxjg/jnxcz/"
    with django_capture_on_commit_callbacks(execute=True):
        live_site.column.delete()  # with its section and article
    assert "全省节能宣传周活动启动" not in found("节能")
    assert not SearchEntry.objects.filter(page_id=live_site.article.pk).exists()


def test_a_changed_attachment_reindexes_its_page(live_site, django_capture_on_commit_callbacks):
    from docx import Document as Docx

    buf = io.BytesIO()
    docx = Docx()
    docx.add_paragraph("附件：省直机关周转住房分配名单")
    docx.save(buf)
    item = live_site.items[0]
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("名单", b"placeholder", "list.txt")
        item.attachments.add(DisclosureAttachment(document=document))
        item.save_revision().publish()
    assert "2024年部门预算公开" in found("placeholder")
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("list.docx", ContentFile(buf.getvalue()), save=False)
        document.file_hash = ""
        document.save()
    assert "2024年部门预算公开" in found("周转住房")
    assert "2024年部门预算公开" not in found("placeholder")


def test_pdf_and_docx_text_is_extracted():
    from docx import Document as Docx
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 100 Td (Budget zephyrquartz 2024) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    pdf = io.BytesIO()
    writer.write(pdf)
    assert "zephyrquartz" in extract_bytes(pdf.getvalue(), "report.pdf")

    buf = io.BytesIO()
    docx = Docx()
    docx.add_paragraph("节能降耗实施方案")
    docx.add_table(rows=1, cols=2).rows[0].cells[0].text = "公务用车编制"
    docx.save(buf)
    text = extract_bytes(buf.getvalue(), "plan.docx")
    assert "节能降耗实施方案" in text and "公务用车编制" in text
    assert extract_bytes(b"not a pdf", "broken.mp4") == ""


def test_broken_attachment_does_not_stop_indexing(live_site):
    item = live_site.items[1]
    item.attachments.add(DisclosureAttachment(document=make_document("坏文件", b"%PDF-broken", "bad.pdf")))
    item.save_revision().publish()
    queue.process(engines.embedded())
    assert "2023年三公经费决算说明" in found("三公经费")


class DownEngine(Engine):
    """An engine whose server is down: every write fails as Elasticsearch's client does when it cannot connect."""

    name = "embedded"

    def index(self, docs):
        raise EngineUnavailable("ConnectionError: connection refused")

    delete = index


def test_a_failing_engine_keeps_its_tasks_with_the_error_and_catches_up_later(live_site):
    from cms.news.models import NewsPage

    page = publish(live_site.news_index, NewsPage(title="会议服务保障工作", slug="hy", body=[]))
    assert IndexTask.objects.filter(page_id=page.pk).exists()
    done, left = queue.process(DownEngine())
    task = IndexTask.objects.get(page_id=page.pk)
    assert (done, task.attempts) == (0, 1) and left >= 1
    assert "connection refused" in task.last_error
    assert "会议服务保障工作" not in found("会议服务")
    with pytest.raises(CommandError, match="still queued"):
        queue_command_with(DownEngine())
    call_command("search_queue", stdout=io.StringIO())  # the engine is back
    assert "会议服务保障工作" in found("会议服务")
    assert not IndexTask.objects.exists()


def queue_command_with(engine):
    from unittest import mock

    with mock.patch("search.engines.active_engines", return_value=[engine]):
        call_command("search_queue", stdout=io.StringIO())


def test_commands_rebuild_and_report_state(live_site):
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("search_rebuild", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "embedded:" in out.getvalue()
    assert "省直机关公务用车管理办法" in found("公务用车")
    out = io.StringIO()
    call_command("search_status", stdout=out)
    assert "0 queued" in out.getvalue() and "health ok" in out.getvalue()
    with pytest.raises(CommandError, match="unknown or inactive search engine 'solr'"):
        call_command("search_rebuild", "--engine", "solr")


def test_a_change_made_during_a_rebuild_reaches_the_new_index(live_site, django_capture_on_commit_callbacks):
    """The rebuild read a page before an editor changed it; the change, applied meanwhile to the index in use,
    is applied again once the new index is swapped in, so the new index does not keep the old title."""
    from search.documents import live_pages
    from search.management.commands.search_rebuild import iter_docs

    engine = engines.embedded()
    page = live_site.article
    ids = list(live_pages().values_list("pk", flat=True))
    queue.rebuild_started(engine)
    docs_read_before_the_change = list(iter_docs(ids))  # the rebuild has read every page, the old title too
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "节能宣传周改期举行"
        page.save_revision().publish()  # applied now to the index in use, and kept for the new one
    assert "节能宣传周改期举行" in found("改期")
    assert IndexTask.objects.filter(page_id=page.pk, applied_during_rebuild=True).exists()
    engine.rebuild(docs_read_before_the_change, len(ids))  # the new index, swapped in, holds the old title
    assert "节能宣传周改期举行" not in found("改期")
    assert queue.rebuild_finished(engine, swapped=True) == 1
    queue.process(engine)
    assert "节能宣传周改期举行" in found("改期")
    assert not IndexTask.objects.exists()


def test_search_rebuild_replays_and_clears_the_rebuild_state(live_site):
    from search.models import IndexState

    out = io.StringIO()
    call_command("search_rebuild", "--no-progress", stdout=out)
    assert "pages indexed" in out.getvalue()
    assert not IndexState.objects.filter(rebuilding_since__isnull=False).exists()
    assert not IndexTask.objects.exists()

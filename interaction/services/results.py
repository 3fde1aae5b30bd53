"""The result document (批复) of a decided case, generated as .docx from the case (python-docx) in the wording staff
keep under 设置 → 批复 (ResultTemplateSettings) and kept in private storage; and, for services whose results are
disclosed, a catalogue item in the 行政审批 category made from it."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from wagtail.models import Page

from cms.disclosure.models import CategoryPage, DisclosureItemPage
from cms.taxonomy.models import Genre, Organ, Topic

from .models import Application, ResultTemplateSettings
from .workflow import WorkflowError, record


def issuer_name(wording: ResultTemplateSettings | None = None) -> str:
    """The organ that issues the 批复: as set under 设置 → 批复, else the first issuing organ."""
    wording = wording or ResultTemplateSettings.load()
    if wording.issuer.strip():
        return wording.issuer.strip()
    organ = Organ.objects.order_by("pk").first()
    return organ.name if organ else ""


def values_of(app: Application) -> dict[str, str]:
    """What the wording's placeholders stand for in this case."""
    return {
        "unit": app.unit.name if app.unit else app.contact_name,
        "title": app.title,
        "service": app.service_name,
        "date": f"{timezone.localtime(app.submitted_at):%Y年%-m月%-d日}" if app.submitted_at else "",
        "number": app.document_number,
    }


def result_title(app: Application, wording: ResultTemplateSettings | None = None) -> str:
    wording = wording or ResultTemplateSettings.load()
    return "".join(wording.wording("title", values_of(app)))


def result_paragraphs(app: Application, wording: ResultTemplateSettings | None = None) -> list[str]:
    """The body of the 批复, as plain paragraphs (also the disclosure item's text)."""
    wording = wording or ResultTemplateSettings.load()
    values = values_of(app)
    outcome = {
        Application.Outcome.APPROVED: "approved",
        Application.Outcome.CONDITIONAL: "conditional",
        Application.Outcome.REJECTED: "rejected",
    }[app.outcome]
    paragraphs = [*wording.wording("addressee", values), *wording.wording("opening", values), *wording.wording(outcome, values)]
    if app.conditions:
        paragraphs.append(app.conditions)
    if app.decision_text:
        paragraphs.append(app.decision_text)
    paragraphs.extend(wording.wording("closing", values))
    return paragraphs


def build_docx(app: Application) -> bytes:
    wording = ResultTemplateSettings.load()
    issuer = issuer_name(wording)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(14)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(issuer or _("Result document")).bold = True
    number = doc.add_paragraph(app.document_number)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(result_title(app, wording)).bold = True
    for text in result_paragraphs(app, wording):
        doc.add_paragraph(text)
    signature = doc.add_paragraph(f"{issuer}\n{app.decided_on:%Y年%-m月%-d日}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def generate(app: Application) -> None:
    """(Re)makes the 批复 file of a decided case."""
    if app.status != Application.Status.DECIDED:
        raise WorkflowError(_("A result document exists only for a decided case."))
    if app.result_file:
        app.result_file.delete(save=False)
    app.result_file.save(f"{app.tracking_code}.docx", ContentFile(build_docx(app)), save=True)


def approvals_category() -> CategoryPage | None:
    """The catalogue's 行政审批 category."""
    return CategoryPage.objects.filter(title="行政审批").order_by("path").first()


def publish_disclosure(app: Application, by) -> DisclosureItemPage:
    """One click: a catalogue item in 行政审批 with the case's metadata (organ, 批复 genre, document number, dates)."""
    if app.status != Application.Status.DECIDED or app.outcome == Application.Outcome.REJECTED:
        raise WorkflowError(_("Only an approved case has a result to disclose."))
    if not (app.service and app.service.disclose_results):
        raise WorkflowError(_("The results of this service are not disclosed."))
    if app.result_page_id and Page.objects.filter(pk=app.result_page_id).exists():
        raise WorkflowError(_("The result is already published."))
    category = approvals_category()
    if category is None:
        raise WorkflowError(_("The catalogue has no 行政审批 category to publish in."))
    organ = Organ.objects.order_by("pk").first()
    genre = Genre.objects.filter(name="批复").first()
    topic = (app.service.topic if app.service and app.service.topic_id else None) or Topic.objects.filter(name="机关事务").first()
    if organ is None or genre is None or topic is None:
        raise WorkflowError(_("The organ, the genre 批复 and a topic must exist before results can be published."))
    body = "".join(f"<p>{escape(text)}</p>" for text in result_paragraphs(app))
    item = DisclosureItemPage(
        title=result_title(app),
        organ=organ,
        topic=topic,
        genre=genre,
        document_number=app.document_number,
        date_written=app.decided_on,
        publication_date=timezone.localdate(),
        keywords=f"{app.service_name} 批复",
        summary=f"{app.document_number} {app.service_name}",
        body=body,
        owner=by,
    )
    with transaction.atomic():
        category.add_child(instance=item)
        # The decide_application permission is the right to publish a case's result, wherever editors' rights end.
        item.save_revision(user=by, log_action=True).publish(user=by, skip_permission_checks=True)
        app.result_page = item
        app.save(update_fields=["result_page", "updated_at"])
        record(app, "published", _("The result document was published in the disclosure catalogue."), by=by)
    return item

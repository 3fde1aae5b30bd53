"""Editors' validation errors through the real Wagtail admin over HTTP: add and edit views, error shown, nothing saved."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.columns.models import SpecialColumnPage
from cms.disclosure.models import AnnualReportPage, DisclosureItemPage
from cms.policy.models import InterpretationPage, PolicyPage
from cms.press.models import PressConferencePage
from tests.cms.support import error_shown, form_error_codes
from tests.factories import PAGE_COMMON, item_form_data, make_image


def add(client, model, parent, data, publish=True):
    app_label, model_name = model._meta.app_label, model._meta.model_name
    if publish:
        data = {**data, "action-publish": "action-publish"}
    return client.post(reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk]), data)


def edit(client, page, data, publish=True):
    if publish:
        data = {**data, "action-publish": "action-publish"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def assert_rejected(response, field, code=None):
    """Re-rendered (200) with the error on `field`, its message visible to the editor."""
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    if code:
        assert code in form_error_codes(form, field)
    html = response.content.decode()
    for error in form.errors.as_data()[field]:
        assert error_shown(html, error), f"{field}: {error.messages} not shown"
    return form


@pytest.fixture
def client(editor_client):
    return editor_client


def test_add_form_has_the_metadata_fields(client, tree):
    response = client.get(reverse("wagtailadmin_pages:add", args=["policy", "policypage", tree.policies.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    for name in [
        "index_number",
        "organ",
        "co_organs",
        "document_number",
        "date_written",
        "publication_date",
        "topic",
        "genre",
        "keywords",
        "validity",
        "effective_date",
        "expiry_date",
        "policy_level",
        "replaces",
        "body",
    ]:
        assert name in form.fields
    assert "attachments" in form.formsets


# -- disclosure items -------------------------------------------------------------------------------


def test_valid_item_publishes_and_gets_a_number(client, tree):
    # The site already holds the annual report, published by this organ in 2024: this is the second.
    assert tree.report.index_number == f"{tree.organ.code}/2024-00001"
    response = add(client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="ok-item"))
    assert response.status_code == 302
    page = DisclosureItemPage.objects.get(slug="ok-item")
    assert page.live
    assert page.get_parent().pk == tree.finance.pk
    assert page.index_number == f"{tree.organ.code}/2024-00002"


def test_saving_a_draft_allocates_no_number(client, tree):
    response = add(client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="draft-item"), publish=False)
    assert response.status_code == 302
    page = DisclosureItemPage.objects.get(slug="draft-item")
    assert not page.live
    assert page.index_number is None


def test_duplicate_index_number_is_refused(client, tree):
    taken = tree.policy.index_number
    response = add(client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="dup-index", index_number=taken))
    assert_rejected(response, "index_number", "duplicate_index_number")
    assert not DisclosureItemPage.objects.filter(slug="dup-index").exists()
    assert DisclosureItemPage.objects.filter(index_number=taken).count() == 1


def test_malformed_index_number_is_refused(client, tree):
    response = add(client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="bad-index", index_number="乱写的"))
    assert_rejected(response, "index_number", "invalid_index_number")
    assert not DisclosureItemPage.objects.filter(slug="bad-index").exists()


def test_legacy_index_number_is_accepted_and_kept(client, tree):
    legacy = f"{tree.organ.code}/2010-00321"
    response = add(client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="legacy", index_number=legacy))
    assert response.status_code == 302
    assert DisclosureItemPage.objects.get(slug="legacy").index_number == legacy


def test_duplicate_document_number_within_one_organ_is_refused(client, tree):
    number = tree.policy.document_number
    response = add(
        client, DisclosureItemPage, tree.finance, item_form_data(tree, slug="dup-docno", document_number=f" {number} ")
    )
    assert_rejected(response, "document_number", "duplicate_document_number")
    assert not DisclosureItemPage.objects.filter(slug="dup-docno").exists()


def test_same_document_number_from_another_organ_is_accepted(client, tree):
    number = tree.policy.document_number
    response = add(
        client,
        DisclosureItemPage,
        tree.finance,
        item_form_data(tree, slug="other-organ", organ=tree.organ2.pk, document_number=number),
    )
    assert response.status_code == 302
    page = DisclosureItemPage.objects.get(slug="other-organ")
    assert (page.organ, page.document_number, page.live) == (tree.organ2, number, True)


def test_expiry_before_effective_date_is_refused(client, tree):
    response = add(
        client,
        DisclosureItemPage,
        tree.finance,
        item_form_data(tree, slug="bad-dates", effective_date="2024-05-01", expiry_date="2024-04-30"),
    )
    assert_rejected(response, "expiry_date", "expiry_before_effective")
    assert not DisclosureItemPage.objects.filter(slug="bad-dates").exists()


def test_date_written_after_publication_is_refused(client, tree):
    response = add(
        client,
        DisclosureItemPage,
        tree.finance,
        item_form_data(tree, slug="late-written", date_written="2024-03-02", publication_date="2024-03-01"),
    )
    assert_rejected(response, "date_written", "written_after_published")
    assert not DisclosureItemPage.objects.filter(slug="late-written").exists()


def test_dates_in_the_right_order_are_accepted(client, tree):
    response = add(
        client,
        DisclosureItemPage,
        tree.finance,
        item_form_data(
            tree,
            slug="good-dates",
            date_written="2024-03-01",
            publication_date="2024-03-01",
            effective_date="2024-04-01",
            expiry_date="2024-04-01",
        ),
    )
    assert response.status_code == 302
    assert DisclosureItemPage.objects.get(slug="good-dates").live


# -- editing published items -------------------------------------------------------------------------


def policy_edit_data(tree, page, **overrides):
    fields = dict(
        title=page.title,
        slug=page.slug,
        index_number=page.index_number,
        organ=page.organ_id,
        document_number=page.document_number,
        publication_date=page.publication_date.isoformat(),
        topic=page.topic_id,
        genre=page.genre_id,
        effective_date=page.effective_date.isoformat(),
        expiry_date=page.expiry_date.isoformat() if page.expiry_date else "",
        policy_level=page.policy_level,
        replaces="",
    )
    return item_form_data(tree, **{**fields, **overrides})


def test_editing_the_number_of_a_published_item_is_refused(client, tree):
    page = tree.expired_policy
    original = page.index_number
    response = edit(client, page, policy_edit_data(tree, page, index_number=f"{tree.organ.code}/2014-09999", title="改了索引号"))
    assert_rejected(response, "index_number", "index_number_locked")
    page = PolicyPage.objects.get(pk=page.pk)
    assert page.index_number == original
    assert page.title != "改了索引号"
    assert page.get_latest_revision_as_object().title != "改了索引号"


def test_edit_and_republish_keeps_the_number(client, tree):
    page = tree.expired_policy
    response = edit(
        client, page, policy_edit_data(tree, page, title="省直机关办公用房管理暂行规定（修订）", publication_date="2015-01-01")
    )
    assert response.status_code == 302
    page = PolicyPage.objects.get(pk=page.pk)
    assert page.title == "省直机关办公用房管理暂行规定（修订）"
    assert page.publication_date.year == 2015
    assert page.index_number == tree.expired_policy.index_number


def test_edit_to_a_document_number_used_by_the_same_organ_is_refused(client, tree):
    page = tree.expired_policy
    response = edit(client, page, policy_edit_data(tree, page, document_number=tree.policy.document_number))
    assert_rejected(response, "document_number", "duplicate_document_number")
    assert PolicyPage.objects.get(pk=page.pk).document_number == page.document_number


# -- interpretations ---------------------------------------------------------------------------------


def interpretation_data(tree, **overrides):
    fields = {"policy": tree.policy.pk, "kind": "text", "graphic": "", "video": "", "video_url": "", **overrides}
    return item_form_data(tree, **fields)


def test_graphic_interpretation_without_graphic_is_refused(client, tree):
    response = add(client, InterpretationPage, tree.interpretations, interpretation_data(tree, slug="tujie", kind="graphic"))
    assert_rejected(response, "graphic")
    assert not InterpretationPage.objects.filter(slug="tujie").exists()


def test_graphic_interpretation_with_graphic_is_published(client, tree):
    image = make_image("一图读懂")
    image.description = "一图读懂省直机关公务用车管理办法"  # its alt text: the publishing checks require one
    image.save()
    response = add(
        client,
        InterpretationPage,
        tree.interpretations,
        interpretation_data(tree, slug="tujie-ok", kind="graphic", graphic=image.pk),
    )
    assert response.status_code == 302
    page = InterpretationPage.objects.get(slug="tujie-ok")
    assert (page.live, page.graphic, page.policy) == (True, image, tree.policy)


def test_video_interpretation_needs_a_video(client, tree):
    response = add(client, InterpretationPage, tree.interpretations, interpretation_data(tree, slug="shipin", kind="video"))
    assert_rejected(response, "video")
    response = add(
        client,
        InterpretationPage,
        tree.interpretations,
        interpretation_data(tree, slug="shipin", kind="video", video_url="https://video.example.gov.cn/1"),
    )
    assert response.status_code == 302


# -- press conferences -------------------------------------------------------------------------------


def conference_data(speakers, **overrides):
    data = {
        "title": "新闻发布会",
        "slug": "fbh",
        "starts_at": "2024-05-20 10:00",
        "venue": "省政府新闻发布厅",
        "summary": "",
        "transcript": streamfield([]),
        "related": streamfield([]),
        "video": "",
        "video_url": "",
        "speakers": inline_formset(speakers),
        "photos": inline_formset([]),
        **PAGE_COMMON,
    }
    data.update(overrides)
    return nested_form_data(data)


def test_press_conference_without_speakers_is_refused(client, tree):
    for speakers in ([], [{"role": "host", "name": "李四", "title": "新闻办副主任"}]):
        response = add(client, PressConferencePage, tree.press_index, conference_data(speakers, slug="no-speaker"))
        assert response.status_code == 200
        form = response.context["form"]
        assert form_error_codes(form, "__all__") == ["no_speakers"]
        assert error_shown(response.content.decode(), form.errors.as_data()["__all__"][0])
        assert not PressConferencePage.objects.filter(slug="no-speaker").exists()


def test_press_conference_with_a_speaker_is_published(client, tree):
    speakers = [
        {"role": "host", "name": "李四", "title": "新闻办副主任"},
        {"role": "speaker", "name": "王五", "title": "省机关事务管理局局长"},
    ]
    response = add(client, PressConferencePage, tree.press_index, conference_data(speakers, slug="with-speaker"))
    assert response.status_code == 302
    page = PressConferencePage.objects.get(slug="with-speaker")
    assert page.live
    assert page.host.name == "李四"
    assert [s.name for s in page.speaker_list()] == ["王五"]


# -- special columns ---------------------------------------------------------------------------------


def column_data(**overrides):
    data = {
        "title": "专栏",
        "slug": "zl",
        "summary": "",
        "banner": "",
        "start_date": "2024-01-01",
        "end_date": "",
        "intro": streamfield([]),
        **PAGE_COMMON,
    }
    data.update(overrides)
    return nested_form_data(data)


def test_special_column_ending_before_it_starts_is_refused(client, tree):
    response = add(
        client,
        SpecialColumnPage,
        tree.column_index,
        column_data(slug="bad-column", start_date="2024-06-01", end_date="2024-05-31"),
    )
    assert_rejected(response, "end_date")
    assert not SpecialColumnPage.objects.filter(slug="bad-column").exists()


def test_special_column_with_valid_dates_is_published(client, tree):
    response = add(
        client,
        SpecialColumnPage,
        tree.column_index,
        column_data(slug="good-column", start_date="2024-06-01", end_date="2024-06-01"),
    )
    assert response.status_code == 302
    assert SpecialColumnPage.objects.get(slug="good-column").live


# -- annual reports ----------------------------------------------------------------------------------


def report_data(tree, year, **overrides):
    return item_form_data(
        tree,
        title=f"{year}年政府信息公开工作年度报告",
        report_year=str(year),
        genre=tree.genres["bg"].pk,
        report_body=streamfield([]),
        **overrides,
    )


def test_duplicate_annual_report_year_is_refused(client, tree):
    response = add(client, AnnualReportPage, tree.reports, report_data(tree, tree.report.report_year, slug="nb-dup"))
    assert_rejected(response, "report_year")
    assert "duplicate_report_year" in form_error_codes(response.context["form"], "report_year")
    assert AnnualReportPage.objects.filter(report_year=tree.report.report_year).count() == 1
    assert not Page.objects.filter(slug="nb-dup").exists()


def test_annual_report_for_a_new_year_is_published(client, tree):
    response = add(client, AnnualReportPage, tree.reports, report_data(tree, 2024, slug="nb2024"))
    assert response.status_code == 302
    report = AnnualReportPage.objects.get(report_year=2024)
    assert report.live and report.index_number

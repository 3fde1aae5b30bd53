"""The generated annual report: figures against a hand-counted small site (documents by genre and validity dates,
requests by applicant and outcome with carry-over), the format's consistency rule refusing publication, the admin's
form for the figures, the public tables, the command's errors and the pluggable figure sources."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, PageLogEntry

from cms.disclosure.models import AnnualReportPage, AnnualReportSettings, DisclosureItemPage
from cms.disclosure.report_format import (
    APPLICANTS,
    FIGURE_KEYS,
    OUTCOME_GROUPS,
    Figures,
    decision_key,
    document_key,
    figure_label,
    request_key,
    review_key,
)
from cms.disclosure.report_generator import collect_figures, document_figures, generate_report, genre_kinds
from cms.editorial.checks import check_page
from cms.policy.models import PolicyPage
from cms.taxonomy.models import Genre
from interaction.disclosure_requests import choices
from interaction.disclosure_requests.models import DisclosureRequest
from tests.cms.editorial.conftest import form_data
from tests.factories import publish

TZ = timezone.get_current_timezone


def policy(tree, genre, slug, **fields) -> PolicyPage:
    page = PolicyPage(title=f"文件{slug}", slug=slug, organ=tree.organ, topic=tree.topics["jgsw"], genre=genre, **fields)
    return publish(tree.policy.get_parent(), page)


def request(applicant: str, received: dt.date, outcome: str = "", replied: dt.date | None = None) -> DisclosureRequest:
    kind = "citizen" if applicant == "person" else "organisation"
    return DisclosureRequest.objects.create(
        applicant_type=kind,
        organisation_kind="" if kind == "citizen" else applicant,
        name="申请人",
        phone="13800000000",
        address="长沙市",
        info_title="某项信息",
        info_description="描述",
        medium="paper",
        delivery="post",
        received_on=received,
        outcome=outcome,
        status="replied" if replied else "processing",
        replied_at=dt.datetime.combine(replied, dt.time(10), tzinfo=TZ()) if replied else None,
    )


@pytest.fixture
def counted(site_tree):
    """A small site counted by hand: 规章 and 行政规范性文件 in new genres, five requests around 2024."""
    tree = site_tree
    rules, normative = Genre.objects.create(name="规章", slug="gz"), Genre.objects.create(name="规范性文件", slug="gfxwj")
    # The site tree's own policies are 规范性文件 by kind: one in force since 2016, one expired in 2019.
    settings = AnnualReportSettings.load()
    settings.rules_genres.set([rules])
    settings.normative_genres.set([normative])
    d = dt.date
    policy(tree, normative, "a", date_written=d(2024, 5, 1), publication_date=d(2024, 5, 8))  # in force from 2024 on
    policy(tree, normative, "b", publication_date=d(2024, 8, 1), expiry_date=d(2025, 3, 31))  # 2024, lapses 2025
    policy(
        tree,
        normative,
        "c",
        date_written=d(2020, 1, 1),
        publication_date=d(2020, 1, 5),
        validity="repealed",
        expiry_date=d(2024, 12, 31),
    )
    policy(tree, normative, "d", date_written=d(2023, 2, 1), publication_date=d(2023, 2, 2), validity="repealed")  # no date
    draft = PolicyPage(title="草稿", slug="e", organ=tree.organ, topic=tree.topics["jgsw"], genre=normative, live=False)
    tree.policy.get_parent().add_child(instance=draft)  # never published: not counted
    policy(tree, rules, "f", date_written=d(2024, 3, 1), publication_date=d(2024, 3, 2), policy_level="regulation")
    policy(tree, rules, "g", date_written=d(2024, 3, 1), publication_date=d(2024, 3, 2), policy_level="other")  # not counted
    # a catalogue item (not a policy) counts by its genre: 规章 chosen in the settings
    publish(
        tree.policy.get_parent(),
        DisclosureItemPage(
            title="规章条目",
            slug="h",
            organ=tree.organ,
            topic=tree.topics["jgsw"],
            genre=rules,
            date_written=d(2023, 6, 1),
            publication_date=d(2023, 6, 2),
        ),
    )
    request("person", d(2023, 12, 20), "disclosed", d(2024, 1, 10))  # carried over into 2024, handled in 2024
    request("business", d(2024, 3, 1), "not_disclosed.secret", d(2024, 3, 20))
    request("person", d(2024, 6, 1), "cannot_provide.not_held", d(2024, 6, 10))
    request("research", d(2024, 12, 28))  # still open
    request("person", d(2024, 11, 1), "disclosed", d(2025, 1, 5))  # carried forward into 2025
    return tree


def test_documents_made_repealed_and_in_force_by_genre_and_validity_dates(counted):
    f2024, f2025 = collect_figures(2024).values, collect_figures(2025).values
    assert [f2024[document_key("normative", c)] for c in ("made", "repealed", "in_force")] == [2, 0, 4]
    assert [f2024[document_key("rules", c)] for c in ("made", "repealed", "in_force")] == [1, 0, 2]
    assert [f2025[document_key("normative", c)] for c in ("made", "repealed", "in_force")] == [0, 2, 2]
    assert document_figures(2019, genre_kinds())[document_key("rules", "in_force")] == 0  # by genre alone: not yet made
    # in force at the end of a year = the year before + made − repealed
    assert f2024[document_key("normative", "in_force")] + 0 - 2 == f2025[document_key("normative", "in_force")]


def test_generated_report_has_the_hand_counted_figures_and_adds_up(counted, admin_user):
    out = StringIO()
    call_command("annual_report", "2024", stdout=out)
    report = AnnualReportPage.objects.get(report_year=2024)
    assert not report.live and report.get_parent().pk == counted.report.get_parent().pk
    assert "Created the draft annual report for 2024" in out.getvalue() and "Cannot be published" not in out.getvalue()
    figures = report.get_latest_revision_as_object().report_figures
    count = figures.count
    assert [count(request_key("received", a)) for a in ("person", "business", "research")] == [2, 1, 1]
    assert figures.request_total("received") == 4 and figures.request_total("carried_over") == 1
    assert count(request_key("carried_over", "person")) == 1
    assert count(request_key("disclosed", "person")) == 1
    assert count(request_key("not_disclosed.secret", "business")) == 1
    assert count(request_key("cannot_provide.not_held", "person")) == 1
    assert sum(figures.handled(a) for a, _l in choices.APPLICANT_COLUMNS) == 3
    assert count(request_key("carried_forward", "person")) == 1 and count(request_key("carried_forward", "research")) == 1
    assert count(document_key("normative", "in_force")) == 4 and count(decision_key("licensing")) == 0
    assert report.figure_problems() == [] and check_page(report.get_latest_revision_as_object()) == []
    # metadata copied from the last report, so the draft passes the other checks too
    assert (report.organ_id, report.genre_id) == (counted.report.organ_id, counted.report.genre_id)
    with pytest.raises(CommandError, match="2024年度的年报已经存在"):
        call_command("annual_report", "2024", stdout=StringIO())


def test_the_format_of_table_three_is_that_of_the_disclosure_requests():
    outcomes = [o for g in choices.OUTCOME_GROUPS for o in g.keys]
    assert [request_key(o, "person") for o in outcomes] == [
        k for k in FIGURE_KEYS if k.startswith("requests/") and k.endswith("/person")
    ][2:-1]
    # one definition: the requests' choices are the report's rows, in the format's exact words
    assert choices.OUTCOME_GROUPS is OUTCOME_GROUPS and choices.APPLICANT_COLUMNS is APPLICANTS
    field = DisclosureRequest._meta.get_field("outcome")
    assert dict(field.flatchoices)["partly_disclosed"] == "部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert sorted(dict(field.flatchoices)) == sorted(outcomes)
    row_headers = [cell.text for row in Figures().tables()[1].bodies[0] for cell in row if cell.header]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in row_headers
    partly = figure_label(request_key("partly_disclosed", "business"))
    assert partly == "部分公开（区分处理的，只计这一情形，不计其他情形）：商业企业"
    # an applicant reads the outcome's name, without the format's counting rule
    assert DisclosureRequest(outcome="partly_disclosed").outcome_display() == "部分公开"
    assert DisclosureRequest(outcome="not_disclosed.secret").outcome_display() == "不予公开 — 属于国家秘密"


def test_figures_that_do_not_add_up_cannot_be_published(counted, admin_client):
    report, _created = generate_report(2024)
    url = f"/admin/pages/{report.pk}/edit/"
    data = form_data(admin_client, url, **{"action-publish": "1"})
    data["figures-" + request_key("received", "person")] = "5"  # 3 too many: 5 + 1 ≠ 2 + 1
    data["figures-" + review_key("review", "upheld")] = "1"
    data["figures-fees"] = "0.25"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.live
    draft = report.get_latest_revision_as_object()
    assert draft.figures[review_key("review", "upheld")] == 1 and draft.figures["fees"] == "0.25"
    problems = [p.message for p in check_page(draft)]
    assert any("自然人" in p and "6" in p and "3" in p for p in problems), problems
    # the editor shows the refusal; putting the figure right lets it through
    data = form_data(admin_client, url, **{"action-publish": "1"})
    data["figures-" + request_key("received", "person")] = "2"
    assert admin_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.live
    page = admin_client.get(report.url)
    html = page.content.decode()
    assert "<caption>三、收到和处理政府信息公开申请情况</caption>" in html
    assert '<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>' in html
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    assert "<td>0</td>" in html and '<td colspan="3">0.25</td>' in html
    data = admin_client.get(f"/api/v2/pages/{report.pk}/").json()
    assert data["figures"][request_key("received", "person")] == 2 and data["figures"]["fees"] == "0.25"
    schema = admin_client.get("/api/schema/").json()["components"]["schemas"]["disclosure.AnnualReportPage"]["properties"]
    assert schema["figures"]["type"] == "object" and schema["overview"]["type"] == "string"


def test_bad_figures_re_render_the_form_with_what_was_typed(counted, admin_client):
    report, _created = generate_report(2024)
    url = f"/admin/pages/{report.pk}/edit/"
    data = form_data(admin_client, url)
    data["figures-" + decision_key("penalty")] = "三"
    data["figures-fees"] = "-1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="三"' in html and 'value="-1"' in html
    assert AnnualReportPage.objects.get(pk=report.pk).get_latest_revision_as_object().figures[decision_key("penalty")] == 0


def test_refresh_keeps_staff_figures_and_redraws_the_counted_ones(counted):
    report, _created = generate_report(2024)
    draft = report.get_latest_revision_as_object()
    draft.figures[review_key("litigation_direct", "pending")] = 2
    draft.figures[request_key("received", "person")] = 9
    draft.save_revision()
    request("legal_service", dt.date(2024, 7, 1), "partly_disclosed", dt.date(2024, 7, 9))
    page, created = generate_report(2024, refresh=True)
    figures = page.get_latest_revision_as_object().report_figures
    assert not created and figures.count(review_key("litigation_direct", "pending")) == 2
    assert (
        figures.count(request_key("received", "person")) == 2
        and figures.count(request_key("partly_disclosed", "legal_service")) == 1
    )


def test_a_registered_source_fills_its_figures(counted):
    def licences(year):
        return {decision_key("licensing"): 7 if year == 2024 else 0}

    with hooks.register_temporarily("register_annual_report_figures", licences):
        collected = collect_figures(2024)
        report, _created = generate_report(2024)
    assert collected.values[decision_key("licensing")] == 7 and collected.sources[decision_key("licensing")].endswith("licences")
    assert report.report_figures.count(decision_key("licensing")) == 7


def test_admin_page_generates_and_lists_reports(counted, admin_client):
    response = admin_client.get("/admin/annual-report/")
    assert response.status_code == 200 and "2023" in response.content.decode()
    response = admin_client.post("/admin/annual-report/", {"year": "2024"})
    report = AnnualReportPage.objects.get(report_year=2024)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{report.pk}/edit/"
    response = admin_client.post("/admin/annual-report/", {"year": "2024"})
    assert response.status_code == 200 and "2024年度的年报已经存在" in response.content.decode()
    assert admin_client.post("/admin/annual-report/", {"year": "199"}).status_code == 200


def test_command_errors_are_one_line(counted):
    with pytest.raises(CommandError, match="No page with id 999999"):
        call_command("annual_report", "2024", "--parent", "999999")
    with pytest.raises(CommandError, match="不是目录分类"):
        call_command("annual_report", "2024", "--parent", str(Page.objects.get(depth=1).pk))


def test_unknown_figure_from_a_source_is_a_configuration_error(db):
    from django.core.exceptions import ImproperlyConfigured

    with hooks.register_temporarily("register_annual_report_figures", lambda year: {"nonsense": 1}):
        with pytest.raises(ImproperlyConfigured):
            collect_figures(2024)
    assert Figures({}).problems() == []


def test_a_scheduled_report_that_does_not_add_up_does_not_go_live(counted):
    report, _created = generate_report(2024)
    draft = report.get_latest_revision_as_object()
    draft.figures[request_key("carried_forward", "research")] = 0  # one request lost: 4 + 1 ≠ 3 + 1
    revision = draft.save_revision()
    revision.approved_go_live_at = timezone.now() - dt.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", stdout=StringIO())
    report.refresh_from_db()
    assert not report.live
    refusal = PageLogEntry.objects.get(page=report, action="editorial.publish_refused")
    assert "科研机构" in refusal.data["problems"][0]


def test_figure_cells_are_named_in_the_formats_words(counted, admin_client):
    report, _created = generate_report(2024)
    text = admin_client.get(f"/admin/pages/{report.pk}/edit/").content.decode()
    assert 'aria-label="不予公开 — 属于国家秘密：商业企业"' in text and 'aria-label="行政复议：结果维持"' in text


def test_a_report_written_by_hand_stays_so_when_saved(counted, admin_client):
    report = counted.report  # made before the format: no figures
    url = f"/admin/pages/{report.pk}/edit/"
    data = form_data(admin_client, url)
    assert "figures-in-format" not in data and data["figures-fees"] == "0"
    assert admin_client.post(url, data).status_code == 302
    draft = AnnualReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    assert draft.figures == {} and not draft.has_format
    data["figures-in-format"] = "1"  # the editor ticks the format: the tables are kept
    admin_client.post(url, data)
    assert AnnualReportPage.objects.get(pk=report.pk).get_latest_revision_as_object().has_format

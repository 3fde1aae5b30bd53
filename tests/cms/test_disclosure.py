"""The disclosure catalogue's model: validity as of today, keywords, category links, listing scope, page rules, clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.disclosure.models import (
    AnnualReportPage,
    CatalogueIndexPage,
    CategoryPage,
    DisclosureAttachment,
    DisclosureGuidePage,
    DisclosureItemPage,
    Validity,
)
from cms.policy.models import PolicyPage
from tests.factories import make_document, publish

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "validity, expiry, expected",
    [
        ("valid", None, "valid"),
        ("valid", TODAY, "valid"),
        ("valid", TODAY + DAY, "valid"),
        ("valid", TODAY - DAY, "expired"),
        ("expired", None, "expired"),
        ("expired", TODAY + DAY, "expired"),
        ("repealed", TODAY - DAY, "repealed"),
        ("repealed", None, "repealed"),
    ],
)
def test_current_validity(validity, expiry, expected):
    page = DisclosureItemPage(validity=validity, expiry_date=expiry)
    assert page.current_validity == expected
    assert page.current_validity_label == Validity(expected).label


def test_keyword_list_splits_on_spaces_and_both_commas():
    page = DisclosureItemPage(keywords="公务用车，管理, 改革  节能,")
    assert page.keyword_list == ["公务用车", "管理", "改革", "节能"]
    assert DisclosureItemPage(keywords="").keyword_list == []


def test_category_and_catalogue(tree):
    budget = DisclosureItemPage.objects.get(pk=tree.items[0].pk)
    assert budget.category.pk == tree.finance_budget.pk
    assert budget.display_date == budget.publication_date
    assert CategoryPage.objects.get(pk=tree.finance_budget.pk).catalogue.pk == tree.catalogue.pk
    assert tree.catalogue.catalogue is tree.catalogue


def test_listing_queryset_is_live_public_and_below_the_page(tree):
    draft = DisclosureItemPage(title="草稿", slug="cg", organ=tree.organ, live=False)
    tree.finance.add_child(instance=draft)
    private = publish(
        tree.finance,
        DisclosureItemPage(title="内部", slug="nb", organ=tree.organ, topic=tree.topics["cz"], genre=tree.genres["bg"]),
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    finance = CategoryPage.objects.get(pk=tree.finance.pk)
    assert [p.pk for p in finance.listing_queryset()] == [tree.items[0].pk, tree.items[1].pk]
    catalogue = CatalogueIndexPage.objects.get(pk=tree.catalogue.pk)
    assert catalogue.listing_queryset().count() == 6


def test_every_item_kind_is_in_the_catalogue_queryset(tree):
    kinds = {type(p.specific).__name__ for p in DisclosureItemPage.objects.live()}
    assert kinds == {"PolicyPage", "InterpretationPage", "DisclosureItemPage", "AnnualReportPage"}


def test_page_type_rules(tree):
    assert DisclosureItemPage.can_create_at(tree.finance)
    assert PolicyPage.can_create_at(tree.finance_budget)
    assert not DisclosureItemPage.can_create_at(tree.catalogue)
    assert not DisclosureItemPage.can_create_at(tree.home)
    assert CategoryPage.can_create_at(tree.finance_budget)
    # One guide per parent: the catalogue has its guide already, a category may take one.
    assert not DisclosureGuidePage.can_create_at(tree.catalogue)
    assert DisclosureGuidePage.can_create_at(tree.finance)
    assert not CatalogueIndexPage.can_create_at(tree.catalogue)


def test_attachment_label(tree):
    doc = make_document("预算表")
    assert DisclosureAttachment(document=doc, title="").label == "预算表"
    assert DisclosureAttachment(document=doc, title="2024年部门预算表").label == "2024年部门预算表"
    assert [a.label for a in tree.policy.attachments.all()] == ["公务用车管理办法（全文）"]


def test_document_number_is_stripped_and_checked_per_organ(tree):
    number = tree.policy.document_number
    same_organ = DisclosureItemPage(title="重复文号", organ=tree.organ, document_number=f"  {number} ")
    with pytest.raises(ValidationError) as exc:
        same_organ.clean()
    assert exc.value.error_dict["document_number"][0].code == "duplicate_document_number"
    assert same_organ.document_number == number

    DisclosureItemPage(title="他机关同号", organ=tree.organ2, document_number=number).clean()
    DisclosureItemPage(title="无文号", organ=tree.organ, document_number="").clean()
    # The policy itself is not a clash with its own number.
    PolicyPage.objects.get(pk=tree.policy.pk).clean()


def test_every_date_and_number_error_is_reported_at_once(tree):
    page = DisclosureItemPage(
        title="多处错误",
        organ=tree.organ,
        index_number=tree.policy.index_number,
        document_number=tree.policy.document_number,
        date_written=datetime.date(2024, 2, 2),
        publication_date=datetime.date(2024, 2, 1),
        effective_date=datetime.date(2024, 3, 1),
        expiry_date=datetime.date(2024, 2, 1),
    )
    with pytest.raises(ValidationError) as exc:
        page.clean()
    codes = {field: [e.code for e in errors] for field, errors in exc.value.error_dict.items()}
    assert codes == {
        "index_number": ["duplicate_index_number"],
        "document_number": ["duplicate_document_number"],
        "date_written": ["written_after_published"],
        "expiry_date": ["expiry_before_effective"],
    }


def test_annual_report_year_is_unique(tree):
    report = AnnualReportPage(title="2023年年报（重复）", report_year=2023, organ=tree.organ)
    with pytest.raises(ValidationError) as exc:
        report.clean()
    assert exc.value.error_dict["report_year"][0].code == "duplicate_report_year"
    AnnualReportPage.objects.get(pk=tree.report.pk).clean()
    AnnualReportPage(title="2024年年报", report_year=2024, organ=tree.organ).clean()

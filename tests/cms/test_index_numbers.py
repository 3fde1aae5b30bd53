"""Index numbers (索引号): allocation on first publication, permanence, copies, legacy numbers, format."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.disclosure.index_numbers import IndexSequence, format_index_number, validate_index_number
from cms.disclosure.models import DisclosureItemPage
from cms.policy.models import PolicyPage


def number(organ, year, seq):
    return f"{organ.code}/{year}-{seq:05d}"


def reload(page):
    return DisclosureItemPage.objects.get(pk=page.pk)


# -- allocation ---------------------------------------------------------------------------------------


def test_first_publication_allocates_organ_code_year_and_sequence(small_tree):
    page = small_tree.published(publication_date=datetime.date(2016, 3, 15))
    assert page.index_number == number(small_tree.organ, 2016, 1)
    assert page.index_number == "11430000006220052X/2016-00001"
    validate_index_number(page.index_number)


def test_sequence_increments_per_organ_and_per_year(small_tree):
    t = small_tree
    a = t.published(publication_date=datetime.date(2016, 1, 5))
    b = t.published(publication_date=datetime.date(2016, 11, 30))
    other_year = t.published(publication_date=datetime.date(2017, 2, 1))
    other_organ = t.published(organ=t.organ2, publication_date=datetime.date(2016, 6, 1))
    c = t.published(publication_date=datetime.date(2016, 12, 31), model=PolicyPage)

    assert a.index_number == number(t.organ, 2016, 1)
    assert b.index_number == number(t.organ, 2016, 2)
    assert other_year.index_number == number(t.organ, 2017, 1)
    assert other_organ.index_number == number(t.organ2, 2016, 1)
    # Policies share the catalogue's sequence: one series per organ and year.
    assert c.index_number == number(t.organ, 2016, 3)
    assert IndexSequence.objects.get(organ=t.organ, year=2016).last == 3
    assert IndexSequence.objects.get(organ=t.organ2, year=2016).last == 1


def test_year_comes_from_the_publication_date_not_today(small_tree):
    page = small_tree.published(publication_date=datetime.date(2009, 8, 1))
    assert page.index_number.startswith(f"{small_tree.organ.code}/2009-")


def test_drafts_get_no_number(small_tree):
    page = small_tree.draft()
    assert page.index_number is None
    # More draft revisions, and saving the page row itself, still allocate nothing.
    latest = page.get_latest_revision_as_object()
    latest.title = "改过的草稿"
    latest.save_revision()
    page.save()
    assert reload(page).index_number is None
    assert not IndexSequence.objects.filter(organ=small_tree.organ).exists()


# -- permanence ---------------------------------------------------------------------------------------


def test_number_never_changes_on_later_edits_and_publications(small_tree):
    page = small_tree.published()
    original = page.index_number

    for title, year in [("第一次修改", 2016), ("改了发布年份", 2018)]:
        latest = page.get_latest_revision_as_object()
        latest.title = title
        latest.publication_date = datetime.date(year, 1, 2)
        latest.save_revision().publish()
        page = reload(page)
        assert page.title == title
        assert page.index_number == original

    # Unpublishing and publishing again keeps it too.
    page.unpublish()
    assert reload(page).index_number == original
    page.get_latest_revision_as_object().save_revision().publish()
    assert reload(page).index_number == original
    assert IndexSequence.objects.get(organ=small_tree.organ, year=2016).last == 1


def test_republishing_an_older_revision_keeps_the_number(small_tree):
    """Reverting to a revision saved before the first publication (it has no number) keeps the number."""
    page = small_tree.published()
    original = page.index_number
    first_revision = page.revisions.order_by("created_at", "pk").first()
    assert first_revision.content.get("index_number") is None

    first_revision.publish()
    assert reload(page).index_number == original


def test_editor_changing_a_published_number_gets_a_clean_error(small_tree):
    page = small_tree.published()
    original = page.index_number
    latest = reload(page).get_latest_revision_as_object()
    latest.index_number = number(small_tree.organ, 2016, 77)
    with pytest.raises(ValidationError) as exc:
        latest.full_clean()
    assert [e.code for e in exc.value.error_dict["index_number"]] == ["index_number_locked"]
    assert original in exc.value.message_dict["index_number"][0]

    # save_revision() validates too, so the change never reaches a revision or the page.
    with pytest.raises(ValidationError):
        latest.save_revision()
    assert reload(page).index_number == original

    # Unchanged, the same object is clean.
    latest.index_number = original
    latest.full_clean()


# -- copies -------------------------------------------------------------------------------------------


def test_copy_has_no_number_until_published_then_a_new_one(small_tree):
    page = small_tree.published()
    # A later revision of the original carries its number in its content.
    latest = page.get_latest_revision_as_object()
    latest.summary = "修订"
    latest.save_revision().publish()

    copy = page.copy(to=small_tree.category, update_attrs={"title": "复制的事项", "slug": "copied"}, keep_live=False)
    copy = reload(copy)
    assert copy.index_number is None
    assert copy.get_latest_revision_as_object().index_number is None

    copy.get_latest_revision().publish()
    copy = reload(copy)
    assert copy.index_number == number(small_tree.organ, 2016, 2)
    assert reload(page).index_number == number(small_tree.organ, 2016, 1)


def test_live_copy_gets_its_own_new_number(small_tree):
    page = small_tree.published()
    copy = reload(page.copy(to=small_tree.category, update_attrs={"slug": "copied-live"}, keep_live=True))
    assert copy.live
    assert copy.index_number == number(small_tree.organ, 2016, 2)


# -- legacy numbers -----------------------------------------------------------------------------------


def test_legacy_number_is_kept_and_allocator_skips_taken_numbers(small_tree):
    t = small_tree
    legacy_1 = number(t.organ, 2016, 1)
    legacy_3 = number(t.organ, 2016, 3)
    imported = t.published(index_number=legacy_1, title="旧网站导入")
    t.draft(index_number=legacy_3, title="导入的草稿")  # taken, even though not yet published
    assert imported.index_number == legacy_1

    new = [t.published() for _ in range(3)]
    assert [p.index_number for p in new] == [number(t.organ, 2016, s) for s in (2, 4, 5)]
    assert reload(imported).index_number == legacy_1


@pytest.mark.django_db
def test_allocate_with_taken_callback(small_tree):
    used = {format_index_number(small_tree.organ.code, 2020, n) for n in (1, 2, 4)}
    got = [IndexSequence.allocate(small_tree.organ, 2020, taken=used.__contains__) for _ in range(3)]
    assert got == [format_index_number(small_tree.organ.code, 2020, n) for n in (3, 5, 6)]
    assert IndexSequence.objects.get(organ=small_tree.organ, year=2020).last == 6


# -- format -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "11430000006220052X/2016-00015",
        "114300000061000000/2024-001",
        "ABC123/1999-123456",
    ],
)
def test_well_formed_numbers_pass(value):
    validate_index_number(value)


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "",
        "11430000006220052X-2016-00015",
        "11430000006220052X/16-00015",
        "11430000006220052X/2016-15",
        "11430000006220052X/2016-0000015",
        "114-3000/2016-00015",
        "11430000006220052X/2016-00015 ",
        "湘机管/2016-00015",
        "12345/2016-00015",
    ],
)
def test_malformed_numbers_are_rejected(value):
    with pytest.raises(ValidationError) as exc:
        validate_index_number(value)
    assert exc.value.code == "invalid_index_number"


def test_page_with_malformed_number_fails_full_clean(small_tree):
    page = small_tree.draft()
    page.index_number = "不是索引号"
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "index_number" in exc.value.error_dict
    assert exc.value.error_dict["index_number"][0].code == "invalid_index_number"

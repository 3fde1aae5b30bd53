"""Filters and pagination of the catalogue listing, over HTTP on the catalogue page and on a category page."""

import datetime

import pytest
from django.utils import timezone

from cms.core.listing import PAGE_SIZE
from cms.disclosure.models import DisclosureItemPage
from tests.factories import publish


def listing(client, target, **params):
    response = client.get(target.url, params)
    assert response.status_code == 200
    return response


def pks(response):
    return [item.pk for item in response.context["items"]]


def errors(response):
    return response.context["filter"].form.errors


@pytest.fixture
def everything(tree):
    """Every live item in the catalogue, newest first, as the listing orders them."""
    items = [tree.policy, tree.expired_policy, tree.interpretation, *tree.items, tree.report]
    return sorted(items, key=lambda p: (p.publication_date, p.pk), reverse=True)


def test_unfiltered_catalogue_lists_every_live_item_newest_first(client, tree, everything):
    response = listing(client, tree.catalogue)
    assert pks(response) == [p.pk for p in everything]
    assert not response.context["filter"].form.errors
    assert response.context["filters_active"] is False


def test_drafts_and_private_items_are_not_listed(client, tree, everything):
    from wagtail.models import PageViewRestriction

    draft = DisclosureItemPage(
        title="未发布的草稿", slug="draft", organ=tree.organ, topic=tree.topics["cz"], genre=tree.genres["tz"], live=False
    )
    tree.finance.add_child(instance=draft)
    draft.save_revision()
    private = publish(
        tree.finance,
        DisclosureItemPage(title="内部事项", slug="private", organ=tree.organ, topic=tree.topics["cz"], genre=tree.genres["tz"]),
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    listed = pks(listing(client, tree.catalogue))
    assert draft.pk not in listed and private.pk not in listed
    assert listed == [p.pk for p in everything]


def test_filter_by_category_includes_its_subcategories(client, tree):
    response = listing(client, tree.catalogue, category=tree.finance.pk)
    assert set(pks(response)) == {tree.items[0].pk, tree.items[1].pk}
    response = listing(client, tree.catalogue, category=tree.finance_budget.pk)
    assert pks(response) == [tree.items[0].pk]
    assert response.context["filters_active"] is True


def test_filter_by_organ(client, tree):
    assert pks(listing(client, tree.catalogue, organ=tree.organ2.pk)) == [tree.items[0].pk]
    by_organ = set(pks(listing(client, tree.catalogue, organ=tree.organ.pk)))
    assert by_organ == {tree.policy.pk, tree.expired_policy.pk, tree.interpretation.pk, tree.items[1].pk, tree.report.pk}


def test_filter_by_topic_slug(client, tree):
    assert set(pks(listing(client, tree.catalogue, topic="cz"))) == {tree.items[0].pk, tree.items[1].pk}
    assert pks(listing(client, tree.catalogue, topic="gyzc")) == [tree.expired_policy.pk]


def test_filter_by_genre_slug(client, tree):
    assert set(pks(listing(client, tree.catalogue, genre="bf"))) == {tree.policy.pk, tree.expired_policy.pk}
    assert pks(listing(client, tree.catalogue, genre="tz")) == [tree.interpretation.pk]


def test_filter_by_year_and_year_choices(client, tree):
    response = listing(client, tree.catalogue, year="2016")
    assert pks(response) == [tree.interpretation.pk, tree.policy.pk]
    choices = [value for value, _label in response.context["filter"].form.fields["year"].choices if value != ""]
    assert choices == [2024, 2023, 2016, 2014]


def test_filter_by_validity(client, tree):
    valid = set(pks(listing(client, tree.catalogue, validity="valid")))
    expired = pks(listing(client, tree.catalogue, validity="expired"))
    repealed = pks(listing(client, tree.catalogue, validity="repealed"))

    # The expired policy is stored as 'valid' but its expiry date has passed.
    assert tree.expired_policy.validity == "valid"
    assert tree.expired_policy.current_validity == "expired"
    assert expired == [tree.expired_policy.pk]
    assert repealed == [tree.items[1].pk]
    assert valid == {tree.policy.pk, tree.interpretation.pk, tree.items[0].pk, tree.report.pk}


def test_validity_follows_todays_date(client, tree):
    today = timezone.localdate()
    kwargs = dict(organ=tree.organ, topic=tree.topics["jgsw"], genre=tree.genres["tz"], validity="valid")
    ends_today = publish(tree.policies, DisclosureItemPage(title="今天到期", slug="today", expiry_date=today, **kwargs))
    ended = publish(
        tree.policies,
        DisclosureItemPage(title="昨天到期", slug="yesterday", expiry_date=today - datetime.timedelta(days=1), **kwargs),
    )
    stored_expired = publish(
        tree.policies, DisclosureItemPage(title="已标为失效", slug="marked", **{**kwargs, "validity": "expired"})
    )

    valid = pks(listing(client, tree.catalogue, validity="valid"))
    expired = pks(listing(client, tree.catalogue, validity="expired"))
    assert ends_today.pk in valid and ends_today.pk not in expired
    assert ended.pk in expired and ended.pk not in valid
    assert stored_expired.pk in expired
    for page in (ends_today, ended, stored_expired):
        assert (page.pk in expired) == (page.current_validity == "expired")


def test_combined_filters(client, tree):
    assert pks(listing(client, tree.catalogue, organ=tree.organ.pk, topic="cz")) == [tree.items[1].pk]
    response = listing(client, tree.catalogue, organ=tree.organ.pk, year="2016", genre="bf", validity="valid")
    assert pks(response) == [tree.policy.pk]
    response = listing(client, tree.catalogue, category=tree.policies.pk, validity="expired", genre="bf")
    assert pks(response) == [tree.expired_policy.pk]
    assert pks(listing(client, tree.catalogue, organ=tree.organ2.pk, year="2016")) == []


# -- a category page lists only its own part of the catalogue ------------------------------------------


def test_category_page_lists_only_its_items(client, tree):
    response = listing(client, tree.finance)
    assert set(pks(response)) == {tree.items[0].pk, tree.items[1].pk}
    categories = list(response.context["filter"].form.fields["category"].queryset)
    assert categories == [tree.finance_budget]


def test_category_page_filters(client, tree):
    assert pks(listing(client, tree.finance, organ=tree.organ2.pk)) == [tree.items[0].pk]
    assert pks(listing(client, tree.finance, category=tree.finance_budget.pk)) == [tree.items[0].pk]
    assert pks(listing(client, tree.finance, validity="repealed")) == [tree.items[1].pk]
    assert pks(listing(client, tree.policies, validity="expired")) == [tree.expired_policy.pk]
    response = listing(client, tree.finance, year="2023")
    assert pks(response) == [tree.items[1].pk]
    years = [v for v, _label in response.context["filter"].form.fields["year"].choices if v != ""]
    assert years == [2024, 2023]


def test_category_outside_this_page_is_an_error(client, tree):
    response = listing(client, tree.finance, category=tree.policies.pk, organ=tree.organ2.pk)
    assert "category" in errors(response)
    assert pks(response) == [tree.items[0].pk]


# -- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("year", "abc"),
        ("year", "1999"),
        ("organ", "999999"),
        ("organ", "abc"),
        ("topic", "nope"),
        ("genre", "nope"),
        ("category", "xyz"),
        ("category", "999999"),
        ("validity", "forever"),
    ],
)
def test_bad_filter_value_shows_an_error_and_other_filters_still_apply(client, tree, field, value):
    params = {"organ": tree.organ2.pk, "topic": "cz", field: value}
    response = listing(client, tree.catalogue, **params)
    assert field in errors(response)
    assert response.context["filter"].form[field].errors
    other = {k: v for k, v in params.items() if k != field}
    expected = pks(listing(client, tree.catalogue, **other))
    assert pks(response) == expected
    assert expected  # the remaining filters do select something


def test_bad_value_alone_lists_everything(client, tree, everything):
    response = listing(client, tree.catalogue, year="abc")
    assert "year" in errors(response)
    assert pks(response) == [p.pk for p in everything]


# -- pagination -------------------------------------------------------------------------------------------


@pytest.fixture
def many_items(tree):
    """25 more items in 2022, topic 财政, under the budget category."""
    pages = []
    for n in range(25):
        pages.append(
            publish(
                tree.finance_budget,
                DisclosureItemPage(
                    title=f"2022年预算执行情况（第{n + 1}期）",
                    slug=f"zx-{n}",
                    organ=tree.organ2,
                    topic=tree.topics["cz"],
                    genre=tree.genres["bg"],
                    publication_date=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
                ),
            )
        )
    return pages


def test_pages_of_twenty(client, tree, everything, many_items):
    total = len(everything) + len(many_items)
    first = listing(client, tree.catalogue)
    second = listing(client, tree.catalogue, page="2")
    assert first.context["items"].paginator.count == total
    assert first.context["items"].paginator.num_pages == 2
    assert len(pks(first)) == PAGE_SIZE
    assert second.context["items"].number == 2
    assert len(pks(second)) == total - PAGE_SIZE
    assert not set(pks(first)) & set(pks(second))
    all_pages = DisclosureItemPage.objects.live().descendant_of(tree.catalogue).order_by("-publication_date", "-pk")
    assert pks(first) + pks(second) == list(all_pages.values_list("pk", flat=True))


def test_pagination_keeps_the_filters(client, tree, many_items):
    response = listing(client, tree.catalogue, topic="cz", organ=tree.organ2.pk, page="2")
    # 25 new items plus the 2024 budget: 26 in all, 6 on page two.
    expected = [tree.items[0].pk] + [p.pk for p in reversed(many_items)]
    assert pks(response) == expected[PAGE_SIZE:]
    querystring = response.context["querystring"]
    assert "page=" not in querystring
    assert "topic=cz" in querystring and f"organ={tree.organ2.pk}" in querystring


def test_bad_page_numbers_fall_back_to_the_nearest_page(client, tree, many_items):
    for page, expected_number in [("abc", 1), ("", 1), ("1.5", 1), ("999", 2), ("0", 1), ("-3", 1)]:
        response = listing(client, tree.catalogue, page=page)
        assert response.context["items"].number == expected_number, page
        assert pks(response) == pks(listing(client, tree.catalogue, page=str(expected_number)))

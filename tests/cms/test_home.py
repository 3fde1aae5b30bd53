"""The home page's lists (headlines, latest items, policies, columns, conferences) hold published pages only."""

import datetime

import pytest

from cms.columns.models import SpecialColumnPage
from cms.disclosure.models import DisclosureItemPage
from cms.news.models import NewsPage
from cms.policy.models import PolicyPage
from cms.press.models import PressConferencePage
from tests.factories import publish


def draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def home_context(client, tree):
    response = client.get(tree.home.url)
    assert response.status_code == 200
    return response.context


def pks(pages):
    return [p.pk for p in pages]


@pytest.fixture
def drafts(tree):
    """A draft of each listed kind, plus an unpublished headline, all newer than anything published."""
    meta = dict(organ=tree.organ, topic=tree.topics["jgsw"], genre=tree.genres["tz"], publication_date=datetime.date(2030, 1, 1))
    unpublished = publish(
        tree.news_index, NewsPage(title="撤下的头条", slug="withdrawn", is_headline=True, date=datetime.date(2030, 1, 1), body=[])
    )
    unpublished.unpublish()
    return {
        "headline": draft(
            tree.news_index,
            NewsPage(title="草稿头条", slug="draft-headline", is_headline=True, date=datetime.date(2030, 1, 1), body=[]),
        ),
        "withdrawn": unpublished,
        "item": draft(tree.finance, DisclosureItemPage(title="草稿事项", slug="draft-item", **meta)),
        "policy": draft(tree.policies, PolicyPage(title="草稿政策", slug="draft-policy", **meta)),
        "column": draft(
            tree.column_index, SpecialColumnPage(title="草稿专栏", slug="draft-column", start_date=datetime.date(2030, 1, 1))
        ),
        "conference": draft(tree.press_index, PressConferencePage(title="草稿发布会", slug="draft-fbh", venue="发布厅")),
    }


def test_lists_hold_the_published_pages_in_order(client, tree, drafts):
    ctx = home_context(client, tree)
    assert pks(ctx["headlines"]) == [tree.news.pk]
    assert pks(ctx["latest_news"]) == [tree.news.pk]
    items = [tree.policy, tree.expired_policy, tree.interpretation, *tree.items, tree.report]
    assert pks(ctx["latest_items"]) == [p.pk for p in sorted(items, key=lambda p: p.publication_date, reverse=True)]
    assert pks(ctx["latest_policies"]) == [tree.policy.pk, tree.expired_policy.pk]
    assert pks(ctx["latest_interpretations"]) == [tree.interpretation.pk]
    assert pks(ctx["columns"]) == [tree.column.pk]
    assert pks(ctx["conferences"]) == [tree.conference.pk]


def test_drafts_and_unpublished_pages_are_left_out(client, tree, drafts):
    ctx = home_context(client, tree)
    listed = {
        p.pk
        for key in ("headlines", "latest_news", "latest_items", "latest_policies", "columns", "conferences")
        for p in ctx[key]
    }
    for page in drafts.values():
        assert page.pk not in listed, page.title


def test_publishing_a_draft_puts_it_first(client, tree, drafts):
    for key in ("headline", "item", "policy", "conference"):
        drafts[key].get_latest_revision().publish()
    ctx = home_context(client, tree)
    assert pks(ctx["headlines"])[0] == drafts["headline"].pk
    assert pks(ctx["latest_items"])[0] in {drafts["item"].pk, drafts["policy"].pk}
    assert set(pks(ctx["latest_items"])[:2]) == {drafts["item"].pk, drafts["policy"].pk}
    assert pks(ctx["latest_policies"])[0] == drafts["policy"].pk
    assert pks(ctx["conferences"])[0] == drafts["conference"].pk


def test_only_headlines_lead_and_at_most_three(client, tree):
    ordinary = publish(tree.news_index, NewsPage(title="普通新闻", slug="ordinary", date=datetime.date(2031, 1, 1), body=[]))
    headlines = [
        publish(
            tree.news_index,
            NewsPage(title=f"头条{n}", slug=f"tt{n}", is_headline=True, date=datetime.date(2020, 1, 1 + n), body=[]),
        )
        for n in range(4)
    ]
    ctx = home_context(client, tree)
    assert pks(ctx["headlines"]) == [headlines[3].pk, headlines[2].pk, headlines[1].pk]
    assert ordinary.pk not in pks(ctx["headlines"])
    assert pks(ctx["latest_news"])[0] == ordinary.pk


def test_home_page_shows_the_lists(client, tree):
    response = client.get(tree.home.url)
    html = response.content.decode()
    for page in (tree.news, tree.policy, tree.column, tree.conference):
        assert page.title in html

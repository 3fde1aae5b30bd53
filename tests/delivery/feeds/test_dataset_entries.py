"""A dataset in the search feed: its publishing organ is the entry's author (a dataset has no co-issuing organs, and
the search feed answered 500 for every query that found one, e.g. 公务用车 in the demo)."""

from __future__ import annotations

import feedparser
import pytest

from search import engines, queue
from tests.cms.datasets.support import make_dataset


@pytest.fixture
def dataset(site_tree):
    page = make_dataset(site_tree.home)
    page.organ = site_tree.organ
    page.save_revision().publish()
    queue.process(engines.embedded())
    return page


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_dataset_found_by_the_search_feed_names_its_organ(client, dataset, fmt):
    """Datasets have no type or section feed of their own (their releases have /feeds/data/); search finds them."""
    response = client.get(f"/feeds/{fmt}/search/", {"q": "能耗"})
    assert response.status_code == 200, response.content[:500]
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    [entry] = [e for e in feed.entries if e.title == dataset.title]
    assert entry.author == dataset.organ.name
    assert entry.link == "http://testserver" + dataset.url

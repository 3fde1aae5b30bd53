"""What harvesters and feed readers get: schema.org Dataset JSON-LD on the page, the DCAT catalogue, and the feed of
new releases as a real feed reader (feedparser) reads it, with conditional GET."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from tests.cms.datasets.support import make_dataset, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(site_tree):
    page = make_dataset(site_tree.home)
    release(page, key="2023")
    release(page, key="2024")
    return page


def test_page_json_ld_is_a_schema_org_dataset(client, dataset):
    html = client.get(dataset.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Dataset" and data["name"] == dataset.title and data["version"] == "2024"
    assert {d["encodingFormat"] for d in data["distribution"]} >= {"text/csv", "application/json"}
    assert any(v["name"] == "综合能耗" and v["unitText"] == "kgce" for v in data["variableMeasured"])


def test_feed_of_new_releases_reads_in_a_feed_reader(client, dataset):
    for kind in ("rss", "atom"):
        response = client.get(f"/feeds/data/{kind}/")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        titles = [e.title for e in parsed.entries]
        assert titles[:2] == ["公共机构能源消耗（2024）", "公共机构能源消耗（2023）"]
        assert parsed.entries[0].link.endswith(f"{dataset.url}releases/2024/")
        again = client.get(f"/feeds/data/{kind}/", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_release_history_shows_the_change_in_rows(client, dataset):
    html = client.get(dataset.url).content.decode()
    history = html.split('id="history-heading"')[1]
    assert "2024" in history and "2023" in history
    old = client.get(dataset.url + "releases/2023/")
    assert old.status_code == 200 and "2023" in old.content.decode()
    assert client.get(dataset.url + "releases/1999/").status_code == 404

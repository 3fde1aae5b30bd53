"""The service catalogue in public: browsing by applicant type and topic, a guide with every element and its steps
diagram, the site search finding a guide by its materials."""

from __future__ import annotations

import pytest

from tests.interaction.services.conftest import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    return build_catalogue(site_tree)


def listed(client, url: str) -> str:
    """The catalogue's list of services only (the section menu beside it names every guide)."""
    html = client.get(url).content.decode()
    start = html.find('<ul class="services-list">')
    return html[start : html.find("</ul>", start)] if start >= 0 else ""


def test_browse_by_applicant_type_and_topic(client, catalogue):
    index = catalogue["index"].url
    everything = listed(client, index)
    assert all(catalogue[k].title in everything for k in ("repair", "energy", "public"))
    public = listed(client, f"{index}?applicants=public")
    assert catalogue["public"].title in public and catalogue["repair"].title not in public
    units = listed(client, f"{index}?applicants=units")
    assert catalogue["repair"].title in units and catalogue["public"].title not in units
    topic = listed(client, f"{index}?topic=jgsw")
    assert catalogue["repair"].title in topic and catalogue["energy"].title not in topic


def test_a_guide_shows_every_element_and_the_steps_diagram(client, catalogue):
    page = client.get(catalogue["repair"].url).content.decode()
    for text in (
        "《党政机关办公用房管理办法》第二十五条",
        "办公用房存在安全隐患",
        "维修方案",
        "政务服务窗口",
        "0731-82219000",
        "房地产管理处",
    ):
        assert text in page
    assert page.count("<rect") == 3 and '<svg class="steps-diagram"' in page
    assert f"/services/apply/{catalogue['repair'].pk}/" in page


def test_the_site_search_finds_a_guide(client, catalogue):
    from search import engines, queue

    queue.process(engines.embedded())
    results = client.get("/search/", {"q": "政务服务窗口"}).content.decode()
    assert catalogue["repair"].title in results

"""The dataset pages, downloads, data API, feed, DCAT catalogue, sitemap and search over HTTP, and the three access
levels: a shared (共享) dataset never reaches an anonymous reader by any of them."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User

from cms.datasets.models import Access, AccessLog
from govcms.integrations.models import System
from govcms.units.models import Unit, UnitMember
from tests.cms.datasets.support import GOOD_CSV, make_dataset, release

pytestmark = pytest.mark.django_db

INJECTION = '=HYPERLINK("http://evil.example/","点我")'


@pytest.fixture
def open_set(site_tree):
    page = make_dataset(site_tree.home)
    release(page, GOOD_CSV.replace("省档案馆", INJECTION.replace('"', '""').join('""')), key="2024")
    return page


@pytest.fixture
def unit():
    return Unit.objects.create(name="省财政厅")


@pytest.fixture
def shared_set(site_tree, unit):
    system = System.objects.create(name="能耗统计系统", code="nhtj", scopes=["data.read", "data.releases"])
    page = make_dataset(
        site_tree.home, slug="shared-energy", title="共享能耗明细", access=Access.SHARED, units=[unit], systems=[system]
    )
    release(page, key="2024")
    page.system = system
    return page


def member(unit, name="zhang"):
    user = User.objects.create_user(name, password="pw-12345678")
    UnitMember.objects.create(user=user, unit=unit, full_name="张三")
    return user


def test_page_shows_metadata_table_charts_history_and_json_ld(client, open_set):
    html = client.get(open_set.url).content.decode()
    assert "综合能耗" in html and "kgce" in html and "省教育厅" in html
    assert 'class="data-chart data-chart--bar"' in html and 'class="data-chart data-chart--line"' in html
    assert "省财政厅：238,345.50kgce" in html  # the chart's figures as text
    assert '"@type": "Dataset"' in html and "Release history" in html or "版本" in html


def test_page_filters_and_sorts(client, open_set):
    html = client.get(open_set.url, {"unit": "省财政厅", "sort": "-year"}).content.decode()
    body = html.split('class="data-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    assert "省教育厅" not in body and "省财政厅" in body
    assert body.index("2024") < body.index("2023")
    assert 'aria-sort="descending"' in html
    html = client.get(open_set.url, {"year__gte": "abc"}).content.decode()
    assert 'role="alert"' in html


def test_downloads_whole_and_filtered_with_formulas_neutralised(client, open_set):
    response = client.get(open_set.url + "download/csv/")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["unit", "year", "kind", "total_kgce", "reported"] and len(rows) == 2 + 4
    cell = next(r[0] for r in rows if "HYPERLINK" in r[0])
    assert cell.startswith("'=")
    response = client.get(open_set.url + "download/csv/", {"unit": "省教育厅"})
    assert len(list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))) == 3
    response = client.get(open_set.url + "download/xlsx/")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    response = client.get(open_set.url + "download/json/", {"year": "2024"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["release"] == "2024" and len(data["rows"]) == 2


def test_api_filters_sorts_pages_and_fields(client, open_set):
    url = "/api/data/datasets/energy/rows/"
    data = client.get(url, {"kind": "机关", "sort": "-total_kgce", "fields": "unit,total_kgce", "limit": 2}).json()
    assert data["total"] == 3 and [r["total_kgce"] for r in data["rows"]] == [120345.5, 118000.0]
    assert set(data["rows"][0]) == {"unit", "total_kgce"} and "offset=2" in data["next"]
    data = client.get(url, {"reported__gte": "2025-01-01", "reported__lte": "2025-01-11"}).json()
    assert [r["unit"] for r in data["rows"]] == ["省财政厅"]
    data = client.get(url, {"year": ["2023"], "total_kgce__lt": "100000"}).json()
    assert [r["unit"] for r in data["rows"]] == ["省教育厅"]
    listing = client.get("/api/data/datasets/").json()
    assert [d["slug"] for d in listing["items"]] == ["energy"]
    detail = client.get("/api/data/datasets/energy/").json()
    column = detail["columns"][3]
    assert (column["name"], column["label"], column["type"], column["unit"]) == ("total_kgce", "综合能耗", "decimal", "kgce")


@pytest.mark.parametrize(
    "params, param",
    [
        ({"colour": "red"}, "colour"),
        ({"year": "二〇二四"}, "year"),
        ({"reported__gte": "2025/01/01"}, "reported__gte"),
        ({"year__near": "1"}, "year__near"),
        ({"unit__gte": "a"}, "unit__gte"),
        ({"kind": "企业"}, "kind"),
        ({"sort": "colour"}, "sort"),
        ({"fields": "unit,colour"}, "fields"),
        ({"limit": "0"}, "limit"),
        ({"limit": "x"}, "limit"),
    ],
)
def test_api_bad_parameters_answer_400_with_a_reason(client, open_set, params, param):
    response = client.get("/api/data/datasets/energy/rows/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["param"] == param and body["message"]


def test_api_etag_and_304(client, open_set):
    url = "/api/data/datasets/energy/rows/?unit=省财政厅"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/api/data/datasets/nope/rows/").status_code == 404


def test_api_is_in_the_openapi_description(client):
    from openapi_spec_validator import validate

    description = client.get("/api/schema/").json()
    validate(description)
    assert "/api/data/datasets/{slug}/rows/" in description["paths"]


def test_feed_and_dcat_hold_open_datasets_only(client, open_set, shared_set):
    feed = client.get("/feeds/data/rss/").content.decode()
    assert "公共机构能源消耗" in feed and "共享能耗明细" not in feed
    atom = client.get("/feeds/data/atom/").content.decode()
    assert "<feed" in atom and "共享能耗明细" not in atom
    catalog = client.get("/api/data/catalog.jsonld").json()
    titles = [d["dct:title"] for d in catalog["dcat:dataset"]]
    assert titles == ["公共机构能源消耗"]
    assert any(d["dcat:mediaType"] == "text/csv" for d in catalog["dcat:dataset"][0]["dcat:distribution"])


def test_shared_dataset_never_reaches_an_anonymous_reader(client, open_set, shared_set, site_tree):
    from search import engines, queue

    queue.process(engines.embedded())
    page = client.get(shared_set.url)
    assert page.status_code in (302, 403) and "省财政厅" not in page.content.decode()
    for suffix in ("download/csv/", "download/json/", "download/xlsx/", "releases/2024/"):
        response = client.get(shared_set.url + suffix)
        assert response.status_code in (302, 403, 404), suffix
    assert client.get("/api/data/datasets/shared-energy/rows/").status_code == 404
    assert client.get("/api/data/datasets/shared-energy/").status_code == 404
    assert "shared-energy" not in client.get("/api/data/datasets/").content.decode()
    assert "共享能耗明细" not in client.get("/sitemap.xml").content.decode()
    for words in ("共享能耗明细", "综合能耗"):
        found = client.get("/api/search/", {"q": words}).json()["results"]
        assert shared_set.url not in [r["url"] for r in found]
    assert "共享能耗明细" not in client.get("/api/v2/pages/", {"search": "共享能耗明细"}).content.decode()
    assert "共享能耗明细" not in client.get("/feeds/rss/").content.decode()
    catalogue = client.get(open_set.get_parent().url).content.decode()
    assert "公共机构能源消耗" in catalogue and "共享能耗明细" not in catalogue


def test_open_dataset_is_found_by_search_and_sitemap(client, open_set):
    from search import engines, queue

    queue.process(engines.embedded())
    for words in ("公共机构能源消耗", "能耗统计信息系统", "综合能耗", "填报日期"):  # title, description, column labels
        found = client.get("/api/search/", {"q": words}).json()["results"]
        assert open_set.url in [r["url"] for r in found], words
    assert "/sjkf/energy/" in client.get("/sitemap.xml").content.decode()


def test_shared_dataset_for_a_granted_unit_and_system_logged(client, shared_set, unit):
    other = Unit.objects.create(name="省教育厅")
    client.force_login(member(other, "li"))
    assert client.get(shared_set.url).status_code == 403
    assert client.get("/api/data/datasets/shared-energy/rows/").status_code == 403
    client.force_login(member(unit))
    assert client.get(shared_set.url).status_code == 200
    assert client.get("/api/data/datasets/shared-energy/rows/").json()["total"] == 4
    assert client.get(shared_set.url + "download/csv/").status_code == 200
    client.logout()
    token = shared_set.system.issue_token()
    response = client.get("/api/data/datasets/shared-energy/rows/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    assert client.get("/api/data/datasets/shared-energy/rows/", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    channels = sorted(AccessLog.objects.filter(dataset=shared_set).values_list("channel", flat=True))
    assert channels == ["api", "api", "download", "page"]
    assert AccessLog.objects.filter(system=shared_set.system).count() == 1


def test_closed_dataset_staff_only(client, site_tree, unit, admin_user):
    page = make_dataset(site_tree.home, slug="closed", title="不予公开数据", access=Access.CLOSED, units=[unit])
    release(page)
    client.force_login(member(unit))
    assert client.get(page.url).status_code == 403
    assert client.get("/api/data/datasets/closed/rows/").status_code == 404
    client.force_login(admin_user)
    assert client.get(page.url).status_code == 200


def test_push_api_is_idempotent_by_key(client, site_tree):
    system = System.objects.create(name="公务用车管理系统", code="gwyc", scopes=["data.releases"])
    page = make_dataset(site_tree.home, slug="pushed")
    page.source_system = system
    page.save_revision().publish()
    token = system.issue_token()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    row = {"unit": "省财政厅", "year": 2025, "kind": "机关", "total_kgce": 1.5}
    body = {"key": "2025", "date": "2026-01-05", "note": "系统推送", "rows": [row]}
    url = "/api/data/datasets/pushed/releases/"
    first = client.post(url, json.dumps(body), content_type="application/json", **auth)
    assert first.status_code == 201, first.content
    again = client.post(url, json.dumps(body), content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    bad = dict(body, key="2026", rows=[{"unit": "x", "year": "y", "kind": "机关", "total_kgce": 1}])
    refused = client.post(url, json.dumps(bad), content_type="application/json", **auth)
    assert refused.status_code == 422 and refused.json()["errors"][0]["column"] == "年度"
    upload = client.post(url, {"key": "2027", "date": "2027-01-01", "file": io.BytesIO(GOOD_CSV.encode())}, **auth)
    assert upload.status_code == 201
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 401
    assert [r.key for r in page.published_releases()] == ["2027", "2025"]

"""Over HTTP: the search page, the JSON API and suggestions; hostile queries, bad parameters, exact-number redirects."""

from __future__ import annotations

import pytest

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1; --",
    '"',
    "公务*",
    "NEAR(公务 用车)",
    "公务 OR 用车",
    "-公务",
    "x" * 2000,
    "。，、！？……",
    "😀🚗",
    "\x00\x1f",
    "%",
    "title:公务用车",
    "AND",
]


@pytest.fixture(autouse=True)
def _site(search_site, db):
    return search_site


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_and_absurd_queries_get_a_helpful_page(client, search_site, q):
    response = client.get("/search/", {"q": q})
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert response.status_code == 200
    assert "站内搜索" in html


def test_empty_query_explains_what_to_type(client, search_site):
    html = client.get("/search/").content.decode()
    assert "请输入要查找的内容" in html and "索引号" in html


def test_results_page_has_highlights_facets_sort_and_pages(client, search_site):
    html = client.get("/search/", {"q": "公务用车", "per_page": 2}).content.decode()
    assert "<mark>公务用车</mark>" in html
    assert "发布机构" in html and "湖南省机关事务管理局" in html
    assert "sort=date" in html and 'rel="next"' in html


def test_too_long_query_is_shortened_with_a_note(client, search_site):
    html = client.get("/search/", {"q": "公务用车" * 100}).content.decode()
    assert "搜索词过长" in html


def test_bad_parameters_are_dropped_on_the_page(client, search_site):
    response = client.get("/search/", {"q": "公务用车", "page": "abc", "sort": "x", "year": "1;DROP"})
    assert response.status_code == 200
    assert "已忽略无效的筛选条件" in response.content.decode()


def test_exact_index_number_and_document_number_go_straight_to_the_item(client, search_site):
    policy = search_site.policy
    policy.refresh_from_db()
    response = client.get("/search/", {"q": policy.index_number})
    assert response.status_code == 302 and response["Location"] == policy.url
    for q in ("湘机管发〔2016〕3号", "湘机管发[2016]3号", " 湘机管发（2016）3号 "):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 302 and response["Location"] == policy.url
    assert client.get("/search/", {"q": "湘机管发〔2099〕3号"}).status_code == 200


def test_api_answers_json_with_facets(client, search_site):
    data = client.get("/api/search/", {"q": "公务用车", "type": "policy.policypage"}).json()
    assert data["total"] == 1 and data["results"][0]["title"] == "省直机关公务用车管理办法"
    assert data["results"][0]["snippet_html"].count("<mark>") >= 1
    assert data["facets"]["organ"] == [{"value": "11430000006220052X", "label": "湖南省机关事务管理局", "count": 1}]
    assert data["engine"] == "embedded"


@pytest.mark.parametrize(
    "params,param",
    [
        ({"q": "公务用车", "page": "x"}, "page"),
        ({"q": "公务用车", "page": "0"}, "page"),
        ({"q": "公务用车", "per_page": "500"}, "per_page"),
        ({"q": "公务用车", "sort": "price"}, "sort"),
        ({"q": "公务用车", "year": "20x4"}, "year"),
        ({"q": "公务用车", "validity": "maybe"}, "validity"),
        ({"q": "公务用车", "organ": "<script>"}, "organ"),
        ({"q": "公务用车", "colour": "red"}, "colour"),
        ({"q": "x" * 1001}, "q"),
    ],
)
def test_api_bad_parameters_are_400_with_a_reason(client, search_site, params, param):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["param"] == param and response.json()["error"]


def test_api_empty_and_punctuation_queries_are_empty_results(client, search_site):
    assert client.get("/api/search/").json()["total"] == 0
    data = client.get("/api/search/", {"q": "。，！"}).json()
    assert data["total"] == 0 and data["message"]


def test_api_reports_an_exact_match(client, search_site):
    data = client.get("/api/search/", {"q": "湘机管发〔2016〕3号"}).json()
    assert data["exact_match"] == search_site.policy.url


def test_suggest_endpoint(client, search_site):
    data = client.get("/api/search/suggest/", {"q": "公务用"}).json()
    assert any(s["title"] == "省直机关公务用车管理办法" for s in data["suggestions"])
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []
    assert client.get("/api/search/suggest/", {"q": "公务", "limit": "x"}).status_code == 400
    assert client.get("/api/search/suggest/", {"q": '"NEAR(*'}).status_code == 200


def test_unreachable_elasticsearch_falls_back_to_the_embedded_engine(client, search_site, settings, caplog):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    data = client.get("/api/search/", {"q": "公务用车"}).json()
    assert data["engine"] == "embedded" and data["total"] >= 4
    assert "answering from the embedded engine" in caplog.text
    assert client.get("/api/search/suggest/", {"q": "公务用"}).json()["suggestions"]


def test_results_page_speaks_chinese_from_the_translation_catalogue(client, search_site):
    response = client.get("/search/", {"q": "公务用车"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    total = response.context["results"].total
    assert f"找到 {total} 条与“公务用车”相关的结果" in html
    assert "“公务用车”的搜索结果" in html  # the <title>
    assert "<strong>按相关度</strong>" in html and "按时间" in html
    assert ">栏目<" in html and ">类型<" in html and ">年份<" in html and ">2016年<" in html
    assert "有 %s 条建议" in html  # the suggestion widget's announcement, filled in by suggest.js
    assert "Search results" not in html and "by relevance" not in html

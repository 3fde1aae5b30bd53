"""Over HTTP and in the admin: corrected queries and suggestions, kinds, best bets, search analytics, the synonym
dictionary a fresh site ships with, and the ranking rules on their own."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.contrib.auth import get_user_model

from search import ranking
from search.engines.base import Hit
from search.models import BestBet, QueryStat, SynonymRule
from search.synonyms import dictionary_rules


@pytest.fixture(autouse=True)
def _site(search_site, db):
    return search_site


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def test_a_fresh_site_ships_a_reviewed_synonym_dictionary():
    rules = dictionary_rules()
    assert len(rules) >= 100
    assert len({term for term, _, _ in rules}) == len(rules)  # one rule per word
    kept = dict(SynonymRule.objects.values_list("term", "synonyms"))
    for term, words, _ in rules:
        if term not in ("公车", "机关事务局"):  # the search tests set these two themselves
            assert kept[term] == words
    assert {"年报", "车补", "国管局", "三公", "依申请"} <= set(kept)


def test_a_corrected_query_says_so_and_links_to_the_query_as_typed(client):
    response = client.get("/search/", {"q": "公物用车管理办法"})
    page = text(response)
    assert "公务用车管理办法" in page and "省直机关公务用车管理办法" in page
    html = response.content.decode()
    assert "as_typed=1" in html
    as_typed = client.get("/search/", {"q": "公物用车管理办法", "as_typed": "1"})
    assert "search-correction" not in as_typed.content.decode()


def test_the_api_reports_corrections_dropped_words_and_kinds(client):
    body = client.get("/api/search/", {"q": "gwyc"}).json()
    assert body["corrected_to"] == "公务用车" and body["total"] >= 1
    assert {k["value"] for k in body["kinds"]} == {"zcwj", "zcjd", "bsfw", "hdjl", "xwdt", "sj", "qt"}
    assert sum(k["count"] for k in body["kinds"]) == body["total"]
    assert all(r["kind"] for r in body["results"])
    body = client.get("/api/search/", {"q": "怎么查公务用车 量子"}).json()
    assert body["ignored_words"] == ["怎么", "查"] and body["dropped_words"] == ["量子"]
    assert client.get("/api/search/", {"q": "公务用车", "kind": "nope"}).status_code == 400
    narrowed = client.get("/api/search/", {"q": "公务用车", "kind": "zcjd"}).json()
    assert narrowed["kind"] == "zcjd" and {r["kind"] for r in narrowed["results"]} == {"zcjd"}


def test_the_page_shows_tabs_per_kind_with_counts(client):
    html = client.get("/search/", {"q": "公务用车"}).content.decode()
    assert 'class="search-kinds"' in html
    assert re.search(r"政策文件 <span class=\"count\">\(\d+\)</span>", html)
    assert "kind=zcjd" in html


def test_nothing_found_gets_help_not_noise(client):
    page = text(client.get("/search/", {"q": "量子纠缠"}))
    assert "没有找到" in page or "Nothing found" in page
    assert "gongwuyongche" in page  # the help says what works


def test_best_bets_are_pinned_above_the_results(client, search_site):
    BestBet.objects.create(queries="用车改革，车改", page=search_site.conference, note="新闻发布会")
    body = client.get("/api/search/", {"q": "车改"}).json()
    assert body["best_bets"] == [{"title": "公务用车制度改革新闻发布会", "url": search_site.conference.url, "note": "新闻发布会"}]
    html = client.get("/search/", {"q": "用车 改革"}).content.decode()  # spaces ignored
    assert 'class="search-best-bets"' in html
    assert client.get("/api/search/", {"q": "公务用车"}).json()["best_bets"] == []


def test_analytics_count_searches_empty_answers_and_opened_results_without_personal_data(client, admin_client, settings):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_KEY_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"
    assert client.get("/search/", {"q": "公务用车"}, REMOTE_ADDR="203.0.113.9")["X-Cache"] == "MISS"
    assert client.get("/search/", {"q": "公务用车"})["X-Cache"] == "HIT"  # answered by the page cache: still counted
    client.get("/search/", {"q": "量子纠缠"})
    client.get("/search/", {"q": "公务用车 管理"})
    assert client.post("/search/opened/?q=公务用车").status_code == 204
    assert client.post("/search/opened/?q=never searched").status_code == 204  # nothing created for it
    rows = {r.query: r for r in QueryStat.objects.all()}
    assert set(rows) == {"公务用车", "量子纠缠", "公务用车管理"}
    assert (rows["公务用车"].searches, rows["公务用车"].zero_results, rows["公务用车"].clicks) == (2, 0, 1)
    assert (rows["量子纠缠"].searches, rows["量子纠缠"].zero_results) == (1, 1)
    assert rows["公务用车"].week.weekday() == 0
    fields = {f.name for f in QueryStat._meta.get_fields()}
    assert fields == {"id", "week", "query", "searches", "zero_results", "clicks"}  # no address, no session
    assert "203.0.113.9" not in str(list(QueryStat.objects.values()))

    report = admin_client.get("/admin/reports/search/")
    assert report.status_code == 200
    page = text(report)
    assert "公务用车" in page and "量子纠缠" in page
    last_week = datetime.date.today() - datetime.timedelta(days=7)
    assert admin_client.get("/admin/reports/search/", {"week": last_week.isoformat()}).status_code == 200
    assert admin_client.get("/admin/reports/search/", {"week": "nonsense"}).status_code == 200


def test_analytics_are_for_staff_only(client):
    assert client.get("/admin/reports/search/").status_code == 302  # to the login
    user = get_user_model().objects.create_user("reader", password="x" * 12)
    client.force_login(user)
    assert client.get("/admin/reports/search/").status_code in (302, 403)


def _hit(title, page_type="news.newspage", validity="", date=datetime.date(2024, 1, 1)):
    return Hit(
        page_id=hash(title) % 10**6,
        url="/",
        title=title,
        title_html="",
        snippet="",
        page_type=page_type,
        section="",
        date=date,
        validity=validity,
    )


def test_a_word_most_pages_hold_is_not_required_beside_rarer_words(client, search_site):
    """On a bureau's site nearly every page names the bureau: 怎么联系机关事务管理局 finds the contact page, which does
    not, first; the answer says the bureau's name was not required. A query of common words only keeps them all."""
    from cms.core.models import StandardPage
    from search import engines, queue, vocabulary
    from tests.factories import publish

    home = search_site.home
    parent = publish(home, StandardPage(title="通知公告汇编", slug=f"tz-{uuid.uuid4().hex[:6]}"))
    for i in range(45):
        body = f"<p>湖南省机关事务管理局关于第{i}批资产处置的通知。</p>"
        publish(parent, StandardPage(title=f"第{i}批资产处置通知", slug=f"n{i}", body=[("paragraph", body)]))
    publish(parent, StandardPage(title="联系我们", slug="lxwm", body=[("paragraph", "<p>联系电话：0731-80000000。</p>")]))
    queue.process(engines.embedded())
    vocabulary.forget()
    total = vocabulary.page_total()
    held = vocabulary.page_counts(["管理局"], cap=total)["管理局"]
    assert held * 2 >= total  # the precondition: the bureau's name is on most pages

    body = client.get("/api/search/", {"q": "怎么联系机关事务管理局"}).json()
    assert body["results"][0]["title"] == "联系我们"
    assert body["optional_words"] == ["机关事务管理局"]
    page = text(client.get("/search/", {"q": "怎么联系机关事务管理局"}))
    assert "机关事务管理局" in page and "不必" in page  # the note on the word left optional
    both_common = client.get("/api/search/", {"q": "机关事务管理局 资产处置"}).json()  # both on most pages
    assert both_common["optional_words"] == [] and both_common["total"] == 45
    alone = client.get("/api/search/", {"q": "机关事务管理局"}).json()
    assert alone["optional_words"] == [] and alone["total"] >= held


def test_ranking_puts_the_exact_title_then_the_document_in_force_first():
    hits = [
        _hit("关于公务用车管理办法的解读", "policy.interpretationpage"),
        _hit("公务用车管理办法（修订）", "policy.policypage"),
        _hit("公务用车管理办法", "policy.policypage", validity="repealed", date=datetime.date(2016, 1, 1)),
    ]
    ordered = [h.title for h in ranking.rerank(hits, "公务用车管理办法", [["公务用车"], ["管理"], ["办法"]])]
    assert ordered == ["公务用车管理办法", "公务用车管理办法（修订）", "关于公务用车管理办法的解读"]


def test_ranking_puts_rules_above_notices_and_in_force_above_expired():
    hits = [
        _hit("关于办公用房维修项目的批复", "disclosure.disclosureitempage"),
        _hit("办公用房管理暂行规定", "policy.policypage", validity="expired"),
        _hit("办公用房管理办法", "policy.policypage"),
    ]
    ordered = [h.title for h in ranking.rerank(hits, "办公用房", [["办公用房"]])]
    assert ordered == ["办公用房管理办法", "办公用房管理暂行规定", "关于办公用房维修项目的批复"]


def test_ranking_weighs_title_words_by_how_few_pages_hold_them():
    """怎么联系机关事务管理局 on the bureau's own site: every page names the bureau, few the word 联系; a title naming
    the rare word ranks above one naming the organ, though each holds one of the two words."""
    hits = [
        _hit("机关事务管理局机构职能", "core.standardpage"),
        _hit("联系方式", "core.standardpage"),
    ]
    words = [["联系"], ["机关事务管理局"]]
    assert [h.title for h in ranking.rerank(hits, "联系机关事务管理局", words)][0] == "机关事务管理局机构职能"
    weighed = ranking.rerank(hits, "联系机关事务管理局", words, weights=[2.2, 0.2])
    assert [h.title for h in weighed] == ["联系方式", "机关事务管理局机构职能"]


def test_a_title_holding_a_synonym_of_the_query_is_a_phrase_match_a_little_below_the_typed_one():
    """公车: the rules titled 公务用车… are phrase matches too (a synonym in place of the word), so the rule itself
    outranks a news item that happens to say 公车; between equal pages, the words as typed win."""
    hits = [
        _hit("全省公车改革工作基本完成", "news.newspage"),
        _hit("湖南省省直机关公务用车管理办法", "policy.policypage"),
    ]
    words = [["公车", "公务用车"]]
    phrases = ranking.phrases_of(words)
    assert phrases == ["公车", "公务用车"]
    assert [h.title for h in ranking.rerank(hits, phrases, words)][0] == "湖南省省直机关公务用车管理办法"
    same_kind = [_hit("公务用车标识管理", "news.newspage"), _hit("公车标识管理", "news.newspage")]
    assert [h.title for h in ranking.rerank(same_kind, phrases, words)][0] == "公车标识管理"


def test_the_shipped_dictionary_keeps_a_budget_and_the_final_accounts_apart():
    from search.synonyms import dictionary_rules, load_dictionary, synonym_map

    load_dictionary()
    mapping = synonym_map()
    assert "部门决算" not in mapping.get("部门预算", [])
    assert {"部门预算", "部门决算"} <= set(mapping["预决算"])  # the word covering both still finds both
    # a two-way rule makes its words equivalent: only rules of words that mean the same are two-way
    assert all("，" not in words for _term, words, two_way in dictionary_rules() if two_way)


def test_loading_the_dictionary_again_keeps_what_editors_changed():
    from search.synonyms import load_dictionary

    SynonymRule.objects.filter(term="年报").update(synonyms="年度报告，工作年报")
    SynonymRule.objects.filter(term="车补").delete()
    assert load_dictionary() == 1  # only the missing word comes back
    assert SynonymRule.objects.get(term="年报").synonyms == "年度报告，工作年报"
    assert SynonymRule.objects.filter(term="车补").exists()
    assert load_dictionary() == 0

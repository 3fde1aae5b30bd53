"""The same behaviour tests for every engine: Chinese words, several words, synonyms, facets, order, pages, snippets."""

from __future__ import annotations

from search.query import parse


def search(engine, **params):
    query, _ = parse(params)
    return engine.search(query)


def titles(results):
    return [h.title for h in results.hits]


def test_a_word_inside_unsegmented_chinese_text_is_found(engine, search_site):
    results = search(engine, q="公务用车", per_page=50)
    assert "我局推进电子政务建设" in titles(results)  # body: 省直机关公务用车管理系统上线运行
    assert "省直机关公务用车管理办法" in titles(results)
    assert results.total == len(results.hits)


def test_pages_with_every_word_rank_first(engine, search_site):
    results = search(engine, q="公务用车 改革", per_page=50)
    assert titles(results)[0] == "公务用车制度改革新闻发布会"
    assert results.total > 1  # pages holding only one of the words follow


def test_metadata_is_searchable(engine, search_site):
    assert "省直机关公务用车管理办法" in titles(search(engine, q="湘机管发〔2016〕3号"))
    assert titles(search(engine, q="湖南省财政厅")) == ["2024年部门预算公开"]


def test_press_transcript_and_speakers_are_searchable(engine, search_site):
    assert "公务用车制度改革新闻发布会" in titles(search(engine, q="社会化保障"))
    assert "公务用车制度改革新闻发布会" in titles(search(engine, q="张三"))


def test_synonyms_from_the_admin_apply(engine, search_site):
    engine.synonyms_changed()
    assert "省直机关公务用车管理办法" in titles(search(engine, q="公车", per_page=50))
    assert "2023年三公经费决算说明" in titles(search(engine, q="机关事务局", per_page=50))  # its organ's name


def test_facet_counts_add_up_and_filters_narrow(engine, search_site):
    results = search(engine, q="公务用车", per_page=50)
    assert sum(results.facets["type"].values()) == results.total
    assert results.facets["type"]["policy.policypage"] == 1
    assert results.facets["year"][2016] >= 3
    narrowed = search(engine, q="公务用车", type="policy.policypage")
    assert titles(narrowed) == ["省直机关公务用车管理办法"]
    assert search(engine, q="管理", validity="expired").hits[0].title == "省直机关办公用房管理暂行规定"
    assert search(engine, q="公务用车", organ="114300000061000000").total == 0
    assert {h.section for h in search(engine, q="公务用车", section="xxgk", per_page=50).hits} == {"xxgk"}


def test_date_order_and_pagination(engine, search_site):
    by_date = search(engine, q="公务用车", sort="date", per_page=50)
    dates = [h.date for h in by_date.hits]
    assert dates == sorted(dates, reverse=True)
    first, second = search(engine, q="公务用车", per_page=2), search(engine, q="公务用车", per_page=2, page=2)
    assert len(first.hits) == 2 and second.hits
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}


def test_snippets_are_highlighted_and_escaped(engine, search_site):
    hit = next(h for h in search(engine, q="公务用车", per_page=50).hits if h.title == "我局推进电子政务建设")
    assert "<mark>公务用车</mark>" in hit.snippet
    hostile = search(engine, q="办公用房维修").hits[0]
    assert "<script>" not in hostile.title_html and "&lt;script&gt;" in hostile.title_html
    assert "<img" not in hostile.snippet and "&lt;img" in hostile.snippet
    assert "<mark>办公用房" in hostile.snippet


def test_suggestions_complete_titles(engine, search_site):
    suggestions = engine.suggest("公务用")
    assert any(s["title"] == "省直机关公务用车管理办法" for s in suggestions)
    assert all(s["url"].startswith("/") for s in suggestions)
    assert engine.suggest("。，！") == []


def test_hostile_and_absurd_queries_do_not_break_the_engine(engine, search_site):
    for q in [
        '"',
        '" OR 1=1 --',
        "NEAR(公务 用车",
        "公务*",
        "-公务用车",
        "title:公务",
        "😀😀",
        "'; DROP TABLE x; --",
        "公务用车" * 30,
        "AND OR NOT",
        "^$%",
    ]:
        results = search(engine, q=q)
        assert results.total >= 0


# -- What the search answers (search/answer.py): the same on every engine ------------------------------------------


def ask(engine, **params):
    from search.answer import answer

    query, _ = parse(params)
    return answer(query, engine=engine)


def test_question_words_never_make_a_query_fail(engine, search_site):
    result = ask(engine, q="请问怎么查公务用车管理办法呢")
    assert titles(result.results)[0] == "省直机关公务用车管理办法"
    assert {"请问", "怎么", "呢"} <= set(result.query.ignored)
    assert not result.dropped and not result.corrected


def test_words_no_page_holds_are_dropped_and_named(engine, search_site):
    result = ask(engine, q="公务用车 量子纠缠")
    assert result.dropped == ["量子", "纠缠"]
    assert "省直机关公务用车管理办法" in titles(result.results)


def test_words_that_match_nothing_get_an_empty_answer_not_noise(engine, search_site):
    result = ask(engine, q="量子纠缠")
    assert result.results.total == 0 and result.results.hits == []
    assert result.dropped == ["量子", "纠缠"]


def test_relaxation_keeps_the_most_informative_words_and_says_which_it_let_go(engine, search_site):
    strict = ask(engine, q="三公经费 公务用车")  # no page holds both
    assert strict.optional == ["公务用车"]  # held by more pages than 三公经费: the less informative
    assert titles(strict.results)[0] == "2023年三公经费决算说明"
    assert "省直机关公务用车管理办法" not in titles(strict.results)  # never a page holding only the weaker word


def test_typos_are_corrected_from_the_index_vocabulary(engine, search_site):
    result = ask(engine, q="公物用车管理办法")  # 公物 sounds as 公务
    assert result.corrected.text == "公务用车管理办法"
    assert titles(result.results)[0] == "省直机关公务用车管理办法"
    assert ask(engine, q="政府信息公开指难").corrected.text == "政府信息公开指南"  # near-homophone: nan/nan


def test_pinyin_initials_and_english_are_searched_in_chinese(engine, search_site):
    full = ask(engine, q="gongwuyongche")
    assert (full.corrected.text, full.corrected.how) == ("公务用车", "pinyin")
    assert "省直机关公务用车管理办法" in titles(full.results)
    assert ask(engine, q="gwyc").corrected.text == "公务用车"
    english = ask(engine, q="annual report")
    assert english.corrected.text == "年度报告"
    assert titles(english.results)[0] == "2023年政府信息公开工作年度报告"


def test_the_shipped_synonym_dictionary_applies(engine, search_site):
    engine.synonyms_changed()
    assert "2023年政府信息公开工作年度报告" in titles(ask(engine, q="年报").results)  # 年报 ⇄ 年度报告
    assert "省直机关公务用车管理办法" in titles(ask(engine, q="公车").results)


def test_the_exact_title_and_the_document_itself_come_first(engine, search_site):
    exact = titles(ask(engine, q="省直机关公务用车管理办法").results)
    assert exact[0] == "省直机关公务用车管理办法"
    assert exact.index("《省直机关公务用车管理办法》解读") > 0


def test_results_are_counted_by_kind_and_a_kind_narrows(engine, search_site):
    result = ask(engine, q="公务用车")
    assert sum(result.kind_counts.values()) == result.results.total
    assert result.kind_counts["zcwj"] >= 1 and result.kind_counts["zcjd"] >= 1
    narrowed = ask(engine, q="公务用车", kind="zcjd")
    assert {h.page_type for h in narrowed.results.hits} <= {"policy.interpretationpage", "press.pressconferencepage"}
    assert narrowed.results.total == result.kind_counts["zcjd"]
    assert narrowed.kind_counts == result.kind_counts  # the tabs keep every kind's count

"""Every page type renders over HTTP with its key content; drafts are not public; the news year filter."""

import datetime

import pytest
from django.utils.html import escape

from cms.disclosure.models import DisclosureItemPage
from cms.news.models import NewsPage
from cms.policy.models import PolicyPage
from tests.factories import publish


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200, page.url
    return response, response.content.decode()


def test_home_page(client, tree):
    response, html = get(client, tree.home)
    assert response.context["page"].pk == tree.home.pk
    assert tree.news.title in html
    assert tree.policy.title in html


def test_catalogue_and_category_pages(client, tree):
    _, html = get(client, tree.catalogue)
    for page in (tree.policy, tree.interpretation, tree.items[0], tree.report):
        assert escape(page.title) in html
    _, html = get(client, tree.finance)
    assert tree.items[0].title in html and tree.items[1].title in html
    assert tree.policy.title not in html


def test_disclosure_item_shows_its_metadata(client, tree):
    item = tree.items[0]
    response, html = get(client, item)
    assert response.context["page"].pk == item.pk
    assert item.title in html
    assert item.index_number in html
    assert item.organ.name in html or item.organ.short_name in html
    assert "部门预算。" in html


def test_policy_shows_metadata_attachment_and_its_interpretation(client, tree):
    policy = tree.policy
    response, html = get(client, policy)
    assert response.context["page"].current_validity == "valid"
    assert escape(policy.title) in html
    assert policy.index_number in html
    assert policy.document_number in html
    assert "为加强省直机关公务用车管理，制定本办法。" in html
    assert policy.attachments.first().label in html
    # linked both ways: the policy lists its interpretation …
    assert [p.pk for p in policy.live_interpretations()] == [tree.interpretation.pk]
    assert escape(tree.interpretation.title) in html
    assert tree.interpretation.url in html


def test_interpretation_links_back_to_its_policy(client, tree):
    response, html = get(client, tree.interpretation)
    assert response.context["page"].policy.pk == tree.policy.pk
    assert escape(tree.interpretation.title) in html
    assert tree.policy.url in html
    assert escape(tree.policy.title) in html
    assert tree.interpretation.index_number in html


def test_expired_policy_shows_as_expired(client, tree):
    response, html = get(client, tree.expired_policy)
    page = response.context["page"]
    assert page.validity == "valid" and page.current_validity == "expired"
    assert tree.expired_policy.title in html
    assert tree.expired_policy.document_number in html


def test_annual_report(client, tree):
    response, html = get(client, tree.report)
    assert response.context["page"].report_year == 2023
    assert tree.report.title in html
    assert tree.report.index_number in html


@pytest.mark.parametrize("attr", ["guide", "rules", "about", "column_index", "section", "press_index", "news_index"])
def test_simple_pages_render_with_their_title(client, tree, attr):
    page = getattr(tree, attr)
    response, html = get(client, page)
    assert response.context["page"].pk == page.pk
    assert page.title in html


def test_special_column_lists_its_sections_and_articles(client, tree):
    response, html = get(client, tree.column)
    assert tree.column.title in html
    assert tree.section.title in html
    assert [a.pk for a in response.context["articles"]] == [tree.article.pk]
    assert tree.article.title in html


def test_column_article(client, tree):
    _, html = get(client, tree.article)
    assert tree.article.title in html
    assert "节约型机关建设" in html or tree.column.url in html
    assert "节能宣传周。" in html


def test_news_article(client, tree):
    _, html = get(client, tree.news)
    assert tree.news.title in html
    assert "省直机关公务用车管理系统上线运行。" in html


def test_press_conference_shows_speakers_and_questions(client, tree):
    response, html = get(client, tree.conference)
    assert tree.conference.title in html
    for speaker in tree.conference.speakers.all():
        assert speaker.name in html
        assert speaker.title in html
    assert "改革后如何保障公务出行？" in html
    assert "通过社会化保障。" in html
    assert "湖南日报" in html
    assert tree.conference.venue in html


def test_press_index_lists_conferences(client, tree):
    response, html = get(client, tree.press_index)
    assert [c.pk for c in response.context["conferences"]] == [tree.conference.pk]
    assert tree.conference.title in html


# -- what the public cannot see ------------------------------------------------------------------------


def test_draft_pages_are_404_for_the_public(client, tree):
    metadata = dict(organ=tree.organ, topic=tree.topics["jgsw"], genre=tree.genres["tz"])
    drafts = []
    for parent, page in [
        (tree.policies, PolicyPage(title="草稿政策", slug="draft-policy", **metadata)),
        (tree.finance, DisclosureItemPage(title="草稿事项", slug="draft-item", **metadata)),
        (tree.news_index, NewsPage(title="草稿新闻", slug="draft-news", body=[])),
    ]:
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        drafts.append(page)
    for page in drafts:
        response = client.get(page.url)
        assert response.status_code == 404, page.url
        assert page.title not in response.content.decode()


def test_unpublished_page_is_404_and_drafts_of_live_pages_stay_private(client, tree):
    news = NewsPage.objects.get(pk=tree.news.pk)
    latest = news.get_latest_revision_as_object()
    latest.title = "尚未发布的修改标题"
    latest.save_revision()
    _, html = get(client, news)
    assert "尚未发布的修改标题" not in html
    assert tree.news.title in html

    tree.items[1].unpublish()
    assert client.get(tree.items[1].url).status_code == 404


# -- news year filter ------------------------------------------------------------------------------------


@pytest.fixture
def news_2020(tree):
    return publish(
        tree.news_index, NewsPage(title="2020年节能工作会议召开", slug="jn2020", date=datetime.date(2020, 9, 1), body=[])
    )


def test_news_index_year_filter(client, tree, news_2020):
    response, _ = get(client, tree.news_index)
    assert [a.pk for a in response.context["articles"]] == [news_2020.pk, tree.news.pk]
    assert response.context["years"] == [2020, 2016]

    response, html = get(client, tree.news_index, year="2016")
    assert [a.pk for a in response.context["articles"]] == [tree.news.pk]
    assert response.context["year"] == "2016"
    assert "filter_error" not in response.context
    assert news_2020.title not in html


@pytest.mark.parametrize("year", ["abc", "1999", "-1", "2016.0"])
def test_news_index_bad_year_shows_everything_with_an_error(client, tree, news_2020, year):
    response, _ = get(client, tree.news_index, year=year)
    assert response.context["filter_error"]
    assert year in str(response.context["filter_error"])
    assert response.context["year"] == ""
    assert [a.pk for a in response.context["articles"]] == [news_2020.pk, tree.news.pk]

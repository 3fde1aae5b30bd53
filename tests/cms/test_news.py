"""News columns: articles newest first, live only, the year filter and pagination."""

import datetime

from cms.news.models import NewsIndexPage, NewsPage
from tests.factories import publish


def test_articles_are_live_children_newest_first(tree):
    older = publish(tree.news_index, NewsPage(title="旧闻", slug="old", date=datetime.date(2010, 1, 1), body=[]))
    newer = publish(tree.news_index, NewsPage(title="新闻", slug="new", date=datetime.date(2025, 1, 1), body=[]))
    hidden = NewsPage(title="草稿", slug="draft", date=datetime.date(2026, 1, 1), body=[], live=False)
    tree.news_index.add_child(instance=hidden)
    other_column = publish(tree.home, NewsIndexPage(title="通知公告", slug="tzgg"))
    elsewhere = publish(other_column, NewsPage(title="通知", slug="tz", date=datetime.date(2025, 2, 1), body=[]))

    index = NewsIndexPage.objects.get(pk=tree.news_index.pk)
    assert [a.pk for a in index.articles()] == [newer.pk, tree.news.pk, older.pk]
    assert elsewhere.pk not in [a.pk for a in index.articles()]
    assert newer.display_date == datetime.date(2025, 1, 1)


def test_year_filter_paginates_and_keeps_the_year(client, tree):
    for n in range(23):
        publish(
            tree.news_index,
            NewsPage(title=f"2021年动态{n}", slug=f"d{n}", date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n), body=[]),
        )
    response = client.get(tree.news_index.url, {"year": "2021", "page": "2"})
    assert response.status_code == 200
    articles = response.context["articles"]
    assert articles.paginator.count == 23
    assert articles.number == 2 and len(articles.object_list) == 3
    assert all(a.date.year == 2021 for a in articles)
    assert response.context["querystring"] == "year=2021"
    assert response.context["years"] == [2021, 2016]


def test_bad_year_falls_back_to_all_years(client, tree):
    response = client.get(tree.news_index.url, {"year": "abc"})
    assert response.status_code == 200
    assert "abc" in str(response.context["filter_error"])
    assert response.context["querystring"] == ""
    assert [a.pk for a in response.context["articles"]] == [tree.news.pk]

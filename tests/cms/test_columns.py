"""Special columns: running dates, sections, the article list across sections, the column index."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.columns.models import ColumnArticlePage, ColumnSectionPage, SpecialColumnPage
from tests.factories import publish


def test_is_running_follows_today():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert SpecialColumnPage(start_date=today).is_running
    assert SpecialColumnPage(start_date=today - day, end_date=today).is_running
    assert not SpecialColumnPage(start_date=today + day).is_running
    assert not SpecialColumnPage(start_date=today - 2 * day, end_date=today - day).is_running


def test_end_before_start_is_refused():
    column = SpecialColumnPage(title="专栏", slug="zl", start_date=datetime.date(2024, 6, 1), end_date=datetime.date(2024, 5, 1))
    with pytest.raises(ValidationError) as exc:
        column.clean()
    assert "end_date" in exc.value.error_dict


def test_articles_include_sections_and_leave_out_drafts(tree):
    direct = publish(tree.column, ColumnArticlePage(title="专栏直属文章", slug="direct", date=datetime.date(2022, 1, 1), body=[]))
    hidden = ColumnArticlePage(title="草稿文章", slug="hidden", date=datetime.date(2023, 1, 1), body=[], live=False)
    tree.section.add_child(instance=hidden)

    column = SpecialColumnPage.objects.get(pk=tree.column.pk)
    assert [a.pk for a in column.articles()] == [direct.pk, tree.article.pk]
    assert [s.pk for s in column.sections()] == [tree.section.pk]
    section = ColumnSectionPage.objects.get(pk=tree.section.pk)
    assert [a.pk for a in section.articles()] == [tree.article.pk]
    assert ColumnArticlePage.objects.get(pk=tree.article.pk).column.pk == tree.column.pk
    assert direct.column.pk == tree.column.pk


def test_column_index_lists_live_columns_newest_first(client, tree):
    newer = publish(
        tree.column_index, SpecialColumnPage(title="公共机构节能", slug="ggjgjn", start_date=datetime.date(2024, 1, 1))
    )
    draft = SpecialColumnPage(title="草稿专栏", slug="draft", start_date=datetime.date(2025, 1, 1), live=False)
    tree.column_index.add_child(instance=draft)
    response = client.get(tree.column_index.url)
    assert response.status_code == 200
    assert [c.pk for c in response.context["columns"]] == [newer.pk, tree.column.pk]


def test_section_page_lists_its_articles(client, tree):
    response = client.get(tree.section.url)
    assert response.status_code == 200
    assert [a.pk for a in response.context["articles"]] == [tree.article.pk]

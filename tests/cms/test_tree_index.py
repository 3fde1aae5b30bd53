"""The (depth, path) index on Wagtail's page tree exists, and SQLite uses it for a page's children."""
import pytest
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_children_query_uses_the_depth_path_index():
    root = Page.objects.get(depth=1)
    query = root.get_children().live().order_by("path")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "core_page_depth_path_idx" in plan
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'core_page_depth_path_idx'")
            assert "(depth, path)" in cursor.fetchone()[0]

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


def test_listings_walk_their_date_index_not_the_tree_index(site_tree):
    """Descendants selected by cms.core.tree.below have no depth range for SQLite to mistake for a good index: the
    catalogue's newest items are read in publication-date order, stopping after a page (see cms/core/tree.py)."""
    from cms.disclosure.models import DisclosureItemPage

    home = site_tree.home
    query = site_tree.catalogue.listing_queryset()[:20]
    sql, params = query.query.sql_with_params()
    slow = DisclosureItemPage.objects.live().descendant_of(home).order_by("-publication_date", "-pk")[:8]
    slow_sql, slow_params = slow.query.sql_with_params()
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner has statistics on ranges")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + slow_sql, slow_params)
        slow_plan = " ".join(str(row) for row in cursor.fetchall())
    assert "item_pubdate_idx" in plan and "core_page_depth_path_idx" not in plan
    assert "core_page_depth_path_idx" in slow_plan  # what Wagtail's descendant_of would have done

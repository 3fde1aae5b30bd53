"""SQLite: fts5vocab tables over the full-text table, so the search can read how many pages hold a word (row) and the
words of the titles (col) without scanning the pages: what relaxation and 您是不是要找 suggestions are built from.
"""
from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS sitesearch_fts_vrow USING fts5vocab(sitesearch_fts, row)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS sitesearch_fts_vcol USING fts5vocab(sitesearch_fts, col)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS sitesearch_fts_vrow")
        schema_editor.execute("DROP TABLE IF EXISTS sitesearch_fts_vcol")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0004_fts_facet_column")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The embedded engine's full-text table: FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL."""
from django.db import migrations

SQLITE = ("CREATE VIRTUAL TABLE IF NOT EXISTS sitesearch_fts USING fts5("
          "title, summary, meta, body, attachments, tokenize='unicode61 remove_diacritics 2')")
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS sitesearch_tsv (page_id bigint PRIMARY KEY, title text NOT NULL DEFAULT '', "
    "vector tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sitesearch_tsv_vector ON sitesearch_tsv USING gin (vector)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE)
    elif schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS sitesearch_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS sitesearch_tsv")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

"""SQLite: the full-text table gains a `facets` column (filter tokens, so filters narrow the MATCH itself).

FTS5 tables cannot add columns, so the table is made anew and every live page is queued for the embedded engine;
`manage.py search_queue` (or `search_rebuild`) fills it again.
"""
from django.db import migrations

OLD = ("CREATE VIRTUAL TABLE sitesearch_fts USING fts5("
       "title, summary, meta, body, attachments, tokenize='unicode61 remove_diacritics 2')")
NEW = ("CREATE VIRTUAL TABLE sitesearch_fts USING fts5("
       "title, summary, meta, body, attachments, facets, tokenize='unicode61 remove_diacritics 2')")


def _remake(apps, schema_editor, create_sql: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS sitesearch_fts")
    schema_editor.execute(create_sql)
    SearchEntry = apps.get_model("sitesearch", "SearchEntry")
    IndexTask = apps.get_model("sitesearch", "IndexTask")
    Page = apps.get_model("wagtailcore", "Page")
    SearchEntry.objects.all().delete()
    ids = Page.objects.filter(live=True, depth__gt=1).values_list("id", flat=True)
    IndexTask.objects.bulk_create([IndexTask(engine="embedded", page_id=i, reason="schema") for i in ids],
                                  ignore_conflicts=True, batch_size=500)


def forwards(apps, schema_editor):
    _remake(apps, schema_editor, NEW)


def backwards(apps, schema_editor):
    _remake(apps, schema_editor, OLD)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0003_index_state"), ("wagtailcore", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

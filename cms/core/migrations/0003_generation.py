"""The content generation moves here from the page cache (delivery.pagecache): state only, the table
pagecache_generation stays as it is. It depends on the page cache's migration that created the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_page_depth_path_index"),
        ("pagecache", "0001_initial"),  # the table is created there, on a new install as on an old one
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Generation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("value", models.BigIntegerField(default=0)),
                    ],
                    options={"db_table": "pagecache_generation"},
                ),
            ],
            database_operations=[],
        ),
    ]

"""The content generation now belongs to cms.core (core 0003): state only, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pagecache", "0001_initial"),
        ("core", "0003_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Generation")], database_operations=[]),
    ]

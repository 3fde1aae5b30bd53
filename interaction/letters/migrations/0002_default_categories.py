"""The usual categories of a mailbox with their answer deadlines (editable in the admin): 咨询 5 working days,
建议 and 投诉 15."""
from django.db import migrations

DEFAULTS = [("咨询", 5, 1), ("建议", 15, 2), ("投诉", 15, 3)]


def create(apps, schema_editor):
    LetterCategory = apps.get_model("letters", "LetterCategory")
    for name, days, order in DEFAULTS:
        LetterCategory.objects.get_or_create(name=name, defaults={"deadline_workdays": days, "order": order})


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

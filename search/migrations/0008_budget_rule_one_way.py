"""The shipped rule 预决算 → 部门预算, 部门决算 was two-way, which made 部门预算 and 部门决算 (a budget and the final
accounts) find each other. It becomes one-way, on sites where editors have not changed it."""

from django.db import migrations

TERM, WORDS = "预决算", "部门预算，部门决算"


def one_way(apps, schema_editor):
    apps.get_model("sitesearch", "SynonymRule").objects.filter(term=TERM, synonyms=WORDS, two_way=True).update(two_way=False)


def two_way(apps, schema_editor):
    apps.get_model("sitesearch", "SynonymRule").objects.filter(term=TERM, synonyms=WORDS, two_way=False).update(two_way=True)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0007_synonym_dictionary")]
    operations = [migrations.RunPython(one_way, two_way)]

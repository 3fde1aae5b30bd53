"""The starting synonym dictionary (search/data/synonyms.tsv): loaded on a fresh site and on existing ones, without
touching a word editors already keep a rule for. Undoing it removes the shipped rules editors have not changed."""
from django.db import migrations


def load(apps, schema_editor):
    from search.synonyms import load_dictionary

    load_dictionary(apps.get_model("sitesearch", "SynonymRule"))


def unload(apps, schema_editor):
    from search.synonyms import dictionary_rules

    SynonymRule = apps.get_model("sitesearch", "SynonymRule")
    for term, words, two_way in dictionary_rules():
        SynonymRule.objects.filter(term=term, synonyms=words, two_way=two_way).delete()


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0006_best_bets_query_stats")]
    operations = [migrations.RunPython(load, unload)]

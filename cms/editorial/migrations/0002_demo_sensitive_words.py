"""A small starting sensitive-word list, and the formal-document genres that need a document number (if present)."""
from django.db import migrations

# word, suggested replacement, note
WORDS = [
    ("中华人民共合国", "中华人民共和国", "常见错字"),
    ("国务院办公厅厅", "国务院办公厅", "常见错字"),
    ("机关事物管理局", "机关事务管理局", "常见错字"),
    ("内部资料", "", "内部资料不得主动公开，请核实"),
    ("秘密★", "", "涉密标志，涉密信息不得公开"),
    ("小道消息", "", "不规范用语"),
    ("最高级", "", "绝对化用语"),
]
# Genres of formal documents (公文) that always carry a document number; 通知 is left out, as a site also posts
# notices (通知公告) that have none. Site administrators change the list under Settings → 发布前检查.
FORMAL_GENRES = ["意见", "办法", "规定", "决定", "批复"]


def seed(apps, schema_editor):
    SensitiveWord = apps.get_model("editorial", "SensitiveWord")
    for word, replacement, note in WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"replacement": replacement, "note": note})
    PublishingChecks = apps.get_model("editorial", "PublishingChecks")
    Genre = apps.get_model("taxonomy", "Genre")
    genres = list(Genre.objects.filter(name__in=FORMAL_GENRES))
    if genres:
        checks = PublishingChecks.objects.first() or PublishingChecks.objects.create()
        checks.document_number_genres.add(*genres)


def unseed(apps, schema_editor):
    SensitiveWord = apps.get_model("editorial", "SensitiveWord")
    SensitiveWord.objects.filter(word__in=[w for w, _, _ in WORDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial"), ("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

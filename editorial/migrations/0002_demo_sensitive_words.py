"""A small starting sensitive-word list, and the formal-document genres that need a document number (if present)."""
from django.db import migrations

# word, suggested replacement, note
WORDS = [
    ("国务院办公厅厅", "国务院办公厅", "常见错字"),
    ("中华人民共合国", "中华人民共和国", "常见错字"),
    ("最高级", "", "广告用语，政务信息不宜使用"),
    ("国家级", "", "绝对化用语，核实后使用"),
    ("小道消息", "", "不规范用语"),
    ("公车私用", "公务用车私用", "规范表述"),
]
# Genres of formal documents (公文): 通知, 意见, 办法, 规定, 决定, 批复, 通告.
FORMAL_GENRES = ["通知", "意见", "办法", "规定", "决定", "批复", "通告"]


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

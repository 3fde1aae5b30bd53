"""locale_overrides/ gives Wagtail's (and Django's) own interface strings the Chinese their catalogues lack or get
wrong: it is compiled, every entry has its text, every string of the Wagtail apps in use is covered, and it wins over
the apps' catalogues (including the admin's JavaScript catalogue)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.utils import translation

from tests.locale.test_catalogue import entries

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "locale_overrides" / "zh_Hans" / "LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent


def wagtail_catalogues(domain: str):
    """The English catalogues (every string) of the Wagtail apps in INSTALLED_APPS."""
    for app in settings.INSTALLED_APPS:
        if app == "wagtail" or app.startswith("wagtail."):
            path = WAGTAIL.joinpath(*app.split(".")[1:], "locale", "en", "LC_MESSAGES", f"{domain}.po")
            if path.exists():
                yield path


def test_overrides_are_listed_after_the_project_catalogue():
    assert [Path(p).name for p in settings.LOCALE_PATHS] == ["locale", "locale_overrides"]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_override_is_translated_and_compiled(domain, tmp_path):
    po = OVERRIDES / f"{domain}.po"
    problems = [
        msgid
        for msgid, block, translations in entries(po.read_text(encoding="utf-8"))
        if msgid and (not all(translations) or re.search(r"^#,.*\bfuzzy\b", block, re.M))
    ]
    assert not problems, problems[:10]
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True)
    assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), f"run msgfmt -o {domain}.mo {domain}.po"


def test_every_wagtail_admin_string_has_chinese():
    catalogue = translation.trans_real.translation("zh-hans")._catalog
    missing = []
    for path in wagtail_catalogues("django"):
        for msgid, block, _ in entries(path.read_text(encoding="utf-8")):
            if not msgid:
                continue
            context = re.search(r'^msgctxt "(.*)"$', block, re.M)
            key = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if context:
                key = f"{context.group(1)}\x04{key}"
            if "msgid_plural" in block:
                found = catalogue.get((key, 0)) is not None
            else:
                found = catalogue.get(key) is not None
            if not found:
                missing.append(msgid)
    assert not missing, f"{len(missing)} of Wagtail's strings without Chinese: {missing[:10]}"


@pytest.mark.parametrize(
    "msgid, chinese",
    [
        ("Autosave is paused", "自动保存已暂停"),
        ("Date updated", "更新日期"),
        ("Edited by", "编辑人"),
        ("Has child pages", "有子页面"),
        ("Image focal point", "图片焦点"),
        ("Page types usage", "页面类型使用情况"),
        ("live", "已发布"),
        ("New", "新建"),
        ("description", "描述"),
    ],
)
def test_the_admin_reads_the_overrides(msgid, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == chinese


def test_the_admin_javascript_catalogue_has_the_overrides(admin_client):
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    body = response.content.decode()
    for chinese in ("插入内容块", "修改已自动保存"):
        assert chinese in body or json.dumps(chinese)[1:-1] in body

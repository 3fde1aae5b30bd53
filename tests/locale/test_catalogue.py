"""The zh-Hans catalogue is complete: every string the code marks for translation has a Chinese text, none is a
fuzzy guess (gettext ignores those, so the English would show), and the compiled file is up to date."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries(text: str):
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue  # obsolete: no longer in the code
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        if msgid is None:
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        yield msgid.group(1), block, ["".join([a, *re.findall(r'"(.*)"', b)]) for a, b in strings]


def test_every_entry_is_translated_and_none_fuzzy():
    problems = []
    for msgid, block, translations in entries(PO.read_text(encoding="utf-8")):
        if msgid == "" and "msgid_plural" not in block and 'msgid ""\nmsgstr ""\n"Project-Id' in block:
            continue  # the header
        if re.search(r"^#,.*\bfuzzy\b", block, re.M) or not all(translations):
            problems.append(block.splitlines()[-2] if len(block.splitlines()) > 1 else block)
    assert not problems, f"{len(problems)} untranslated or fuzzy: {problems[:10]}"


def test_the_code_has_no_string_missing_from_the_catalogue(tmp_path):
    """makemessages over a copy of the tracked sources (it writes the catalogue it reads, so never in the checkout):
    nothing new appears untranslated."""
    if shutil.which("xgettext") is None or shutil.which("git") is None:
        pytest.skip("gettext's xgettext (apt-get install gettext) or git is not installed")
    source = tmp_path / "src"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if name.startswith(("bench/", "tests/")) or not (ROOT / name).is_file():
            continue
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-v", "0"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    catalogue = source / PO.relative_to(ROOT)
    missing = [
        msgid
        for msgid, block, translations in entries(catalogue.read_text(encoding="utf-8"))
        if msgid and (not all(translations) or re.search(r"^#,.*\bfuzzy\b", block, re.M))
    ]
    assert not missing, f"strings in the code without a translation: {missing[:10]}"


def test_compiled_catalogue_is_current(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run msgfmt -o django.mo django.po"

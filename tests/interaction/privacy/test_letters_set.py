"""The evaluation set through `manage.py redact_letter`, with the bureau's contacts in the site settings and on a live
contact page: every personal item is hidden, every public item kept; and the command's answers to bad input."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from cms.core.models import SiteIdentity, StandardPage
from tests.factories import publish

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CASES = [json.loads(line) for line in (HERE / "letters_set.jsonl").read_text(encoding="utf-8").splitlines()]
SITE = json.loads((HERE / "letters_site.json").read_text(encoding="utf-8"))


def run(lines: list[str]) -> tuple[list[dict], str, BaseException | None]:
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("redact_letter", stdin=io.StringIO("".join(line + "\n" for line in lines)), stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), error


@pytest.fixture
def bureau(db):
    site = Site.objects.get(is_default_site=True)
    SiteIdentity.objects.update_or_create(site=site, defaults=SITE["identity"])
    paragraphs = "".join(f"<p>{line}</p>" for line in SITE["contact_page"].splitlines())
    publish(site.root_page, StandardPage(title="联系我们", slug="lxwm", body=[("paragraph", paragraphs)]))
    return site


def test_the_set_is_big_enough_and_covers_every_kind():
    kinds = {kind for case in CASES for kind, _ in case["personal"]}
    assert len(CASES) >= 40
    assert kinds >= {"name", "id_card", "mobile", "landline", "qq", "wechat", "email", "address", "plate", "bank_card"}
    assert {"birth_date", "work_unit"} <= kinds and sum(len(case["public"]) for case in CASES) >= 60


def test_every_personal_item_is_hidden_and_every_public_item_kept(bureau):
    answers, err, error = run([json.dumps(case["letter"], ensure_ascii=False) for case in CASES])
    assert error is None and err == "" and len(answers) == len(CASES)
    problems = []
    for number, (case, answer) in enumerate(zip(CASES, answers, strict=True), start=1):
        assert set(answer) == {"subject", "body", "reply"}
        text = "\n".join(answer.values())
        problems += [f"{number}: {kind} {item} left" for kind, item in case["personal"] if item in text]
        problems += [f"{number}: public {item} lost" for item in case["public"] if item not in text]
    assert problems == []


def test_the_bureaus_hotline_is_kept_only_when_published(db):
    reply = {"reply": "详情请咨询0731-82219000。"}
    [answer], _, _ = run([json.dumps(reply)])
    assert answer["reply"] == "详情请咨询[已隐去]。"  # nobody published it: a number like any other
    SiteIdentity.objects.update_or_create(site=Site.objects.get(is_default_site=True), defaults={"phone": "0731-82219000"})
    [answer], _, _ = run([json.dumps(reply)])
    assert answer["reply"] == "详情请咨询0731-82219000。"


def test_absent_keys_are_empty_and_the_output_keeps_order(db):
    answers, err, error = run(['{"body": "我叫王小明。"}', '{"name": "李四", "subject": "李四的来信", "reply": null}'])
    assert error is None
    assert answers == [
        {"subject": "", "body": "我叫[已隐去]。", "reply": ""},
        {"subject": "[已隐去]的来信", "body": "", "reply": ""},
    ]


@pytest.mark.parametrize(
    "bad, message",
    [
        ("not json", "line 2: not JSON"),
        ('["a list"]', "line 2: not a JSON object"),
        ('{"name": "张三"}', "line 2: missing key"),
        ('{"boby": "typo"}', "line 2: unknown key boby"),
        ('{"body": 12}', "line 2: body must be text"),
    ],
)
def test_a_bad_line_stops_after_the_lines_before_it_were_answered(db, bad, message):
    answers, _, error = run(['{"body": "手机13912345678"}', bad, '{"body": "never read"}'])
    assert answers == [{"subject": "", "body": "手机[已隐去]", "reply": ""}]
    assert error is not None and str(error).startswith(message)


def test_from_the_shell_an_error_line_on_stderr_and_a_non_zero_exit():
    # A fresh process: the writer's given name 来信 is a common word there too (jieba's dictionary loads on first use).
    lines = '{"name": "陈来信", "body": "来信收悉。QQ号 123456789"}\n{"body": \n'
    done = subprocess.run(
        [sys.executable, "manage.py", "redact_letter"], input=lines, capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode != 0
    assert json.loads(done.stdout.splitlines()[0]) == {"subject": "", "body": "来信收悉。QQ号 [已隐去]", "reply": ""}
    assert len(done.stdout.splitlines()) == 1
    [error] = done.stderr.strip().splitlines()
    assert "line 2: not JSON" in error

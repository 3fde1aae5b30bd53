"""Long commands show a tqdm bar on a terminal and one line per stage otherwise (govcms.progress)."""

import io
import re

import pytest
from django.core.management import call_command

from govcms.progress import StageLine, progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_off_a_terminal_each_stage_is_one_line():
    out = io.StringIO()
    assert [n * 2 for n in progress(range(5), desc="pages", unit="page", file=out)] == [0, 2, 4, 6, 8]
    with progress(desc="embedded", total=300, unit="page", file=out) as bar:
        for _ in range(3):
            bar.update(100)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in out.getvalue()
    assert re.fullmatch(r"pages: 5/5 page in \d+\.\ds", lines[0])
    assert re.fullmatch(r"embedded: 300/300 page in \d+\.\ds", lines[1])


def test_an_interrupted_stage_still_says_how_far_it_got():
    out = io.StringIO()
    with pytest.raises(RuntimeError):
        for n in progress(iter(range(10)), desc="backup", total=10, file=out):
            if n == 3:
                raise RuntimeError
    assert out.getvalue().startswith("backup: 3/10 item in ")


def test_on_a_terminal_a_tqdm_bar():
    out = Terminal()
    bar = progress(range(50), desc="demo pages", unit="page", file=out)
    assert not isinstance(bar, StageLine)
    list(bar)
    assert "\r" in out.getvalue() and "50/50" in out.getvalue()


def test_disabled_shows_nothing_but_still_runs():
    out = Terminal()
    assert list(progress([1, 2], desc="x", file=out, disable=True)) == [1, 2]
    assert out.getvalue() == ""


@pytest.mark.django_db
def test_a_command_writes_one_line_per_stage_into_a_log(site_tree):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_rebuild", "--engine", "embedded", stdout=out, stderr=err)
    assert "pages indexed" in out.getvalue()
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and re.fullmatch(r"embedded: \d+/\d+ page in \d+\.\ds", lines[0]), err.getvalue()

"""Production refuses to start with the development SECRET_KEY or ALLOWED_HOSTS: one line on stderr, exit status 4
(gunicorn's "App failed to load"), no traceback; with real ones, `manage.py check` passes, even on a database not
migrated yet."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REAL = {"SECRET_KEY": "k7-a-real-production-key-9f2c", "ALLOWED_HOSTS": "www.jgswj.example.gov.cn"}


def environment(tmp_path, **env) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "REDIS_", "AWS_", "DJANGO_")) and k not in ("SECRET_KEY", "ALLOWED_HOSTS")
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="govcms.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_DIR=str(tmp_path / "cache"),
    )
    clean.update({k: v for k, v in env.items() if v is not None})
    return clean


def check(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-change-me"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}, "ALLOWED_HOSTS"),
    ],
    ids=["key-unset", "key-empty", "key-development", "hosts-unset", "hosts-development"],
)
def test_refuses_the_development_defaults(tmp_path, env, named):
    out = check(tmp_path, **{**REAL, **env})
    assert out.returncode == 4
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("govcms production settings refuse to start: ") and named in lines[0]
    other = ({"SECRET_KEY", "ALLOWED_HOSTS"} - {named}).pop()
    assert other not in lines[0]
    assert out.stdout == ""


def test_both_missing_are_named_in_one_line(tmp_path):
    out = check(tmp_path, SECRET_KEY=None, ALLOWED_HOSTS=None)
    assert out.returncode == 4
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "SECRET_KEY is unset" in out.stderr and "ALLOWED_HOSTS is unset" in out.stderr


def test_starts_with_a_real_key_and_hosts_before_migrate(tmp_path):
    out = check(tmp_path, **REAL)  # the database file does not exist yet: the Site check must not crash
    assert out.returncode == 0, out.stderr
    assert "System check identified no issues" in out.stdout


def test_gunicorn_stops_instead_of_restarting_workers(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    out = subprocess.run(
        [str(gunicorn), "-w", "1", "-b", "127.0.0.1:0", "govcms.wsgi"],
        cwd=ROOT,
        env=environment(tmp_path, ALLOWED_HOSTS="www.jgswj.example.gov.cn"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 4  # the arbiter halts: "App failed to load."
    assert out.stderr.count("govcms production settings refuse to start: SECRET_KEY is unset") == 1
    assert "App failed to load" in out.stderr

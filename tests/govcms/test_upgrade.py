"""An existing site upgrades in place: a demo database made by the last commit of the old layout (21 packages at the
root) runs `migrate` with the new code and then serves every live page, the listings, feeds, the API and search."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The last commit before the packages moved into govcms/, cms/, search/, interaction/ and delivery/.
OLD_LAYOUT = "8784b2348f1f99abbbbe13efac62943316ba5597"

SERVE_EVERYTHING = r"""
import django
django.setup()
from django.test import Client
from wagtail.models import Page

client = Client()
failures, served = [], 0
urls = [page.get_url() for page in Page.objects.live().public().specific() if page.depth > 1]
urls += ["/search/?q=%E5%8A%9E%E5%85%AC", "/api/v2/pages/?limit=5", "/api/search/?q=%E8%8A%82%E8%83%BD",
         "/feeds/rss/", "/feeds/atom/section/xxgk/", "/sitemap.xml", "/robots.txt", "/xxgk/?year=2016"]
for url in urls:
    response = client.get(url)
    served += 1
    if response.status_code != 200:
        failures.append(f"{url} {response.status_code}")
print("served", served)
for failure in failures:
    print("FAILED", failure)
"""


def run(cwd: Path, env: dict, *args: str) -> str:
    out = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"{' '.join(args)} in {cwd}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="upgrades its own SQLite database: run in the SQLite pass")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project's git history to check out the old layout")
def test_a_database_made_by_the_old_layout_migrates_and_serves_every_page(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD_LAYOUT], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="govcms.settings.base",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SECRET_KEY="upgrade-test-key",
    )
    run(old, env, "manage.py", "migrate", "--noinput", "-v", "0")
    run(old, env, "manage.py", "load_demo")
    shutil.rmtree(old)

    migrated = run(ROOT, env, "manage.py", "migrate", "--noinput")
    assert "Unapplied" not in migrated
    run(ROOT, env, "manage.py", "migrate", "--check")  # nothing left to apply, no model change without a migration
    run(ROOT, env, "manage.py", "search_queue")
    served = run(ROOT, env, "-c", SERVE_EVERYTHING)
    assert "FAILED" not in served, served
    count = int(served.split("served ")[1].split()[0])
    assert count > 300, served  # the demo's 400 pages and the listings, not an empty site

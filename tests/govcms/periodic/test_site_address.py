"""The site's address: the production check on the default Site (govcms.W001), `manage.py set_site_address <url>`,
and SITE_URL as the default of the admin's and the API's base URLs."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

ROOT = Path(__file__).resolve().parents[3]


def run_check() -> str:
    out, err = StringIO(), StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def test_production_warns_while_the_site_is_at_localhost(site_tree, settings):
    assert (default_site().hostname, default_site().port) == ("localhost", 80)
    settings.PRODUCTION = True
    output = run_check()
    assert "govcms.W001" in output and "set_site_address" in output
    call_command("set_site_address", "https://www.jgswj.example.gov.cn", stdout=StringIO())
    assert "govcms.W001" not in run_check()


def test_127_0_0_1_on_port_80_warns_too_but_not_outside_production(site_tree, settings):
    call_command("set_site_address", "http://127.0.0.1/", stdout=StringIO())
    assert "govcms.W001" not in run_check()  # development and tests: PRODUCTION is False
    settings.PRODUCTION = True
    assert "govcms.W001" in run_check()


@pytest.mark.parametrize(
    ("url", "address", "root_url"),
    [
        ("https://www.jgswj.example.gov.cn", ("www.jgswj.example.gov.cn", 443), "https://www.jgswj.example.gov.cn"),
        ("http://jgswj.example.gov.cn/", ("jgswj.example.gov.cn", 80), "http://jgswj.example.gov.cn"),
        ("http://10.0.0.5:8080", ("10.0.0.5", 8080), "http://10.0.0.5:8080"),
        ("HTTPS://WWW.Example.GOV.cn:443/", ("www.example.gov.cn", 443), "https://www.example.gov.cn"),
    ],
)
def test_set_site_address(site_tree, url, address, root_url):
    out = StringIO()
    call_command("set_site_address", url, stdout=out)
    site = default_site()
    assert (site.hostname, site.port) == address and site.root_page_id == site_tree.home.pk
    assert out.getvalue() == f"The default Site is now {root_url}/\n"


def test_the_api_links_to_the_address_set(site_tree, client):
    call_command("set_site_address", "https://www.jgswj.example.gov.cn", stdout=StringIO())
    body = client.get(f"/api/v2/pages/{site_tree.news.pk}/").json()
    assert body["meta"]["html_url"] == f"https://www.jgswj.example.gov.cn{site_tree.news.url}"


@pytest.mark.parametrize(
    "url",
    [
        "www.jgswj.example.gov.cn",
        "ftp://example.gov.cn",
        "https://",
        "https://example.gov.cn/portal/",
        "http://a:99999",
        "https://user:pw@example.gov.cn",
        "https://example.gov.cn/?x=1",
    ],
)
def test_a_bad_address_is_refused_and_nothing_changes(site_tree, url):
    with pytest.raises(CommandError) as refused:
        call_command("set_site_address", url, stdout=StringIO())
    assert url in str(refused.value) and "\n" not in str(refused.value)
    assert (default_site().hostname, default_site().port) == ("localhost", 80)


def test_a_bad_address_is_one_line_on_stderr_and_a_failing_exit(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govcms.settings.test", "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"}
    out = subprocess.run(
        [sys.executable, "manage.py", "set_site_address", "example.gov.cn"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "CommandError: 'example.gov.cn' is not an http:// or https:// address with a host name, e.g. https://www.example.gov.cn"
    ]


PRINT = "import django, json; django.setup(); from django.conf import settings as s; " + (
    "print(json.dumps([s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL]))"
)


def base_urls(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL")}
    clean.update(env, DJANGO_SETTINGS_MODULE="govcms.settings.dev")
    out = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_site_url_is_the_default_of_the_admin_and_api_base_urls():
    assert base_urls() == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]
    assert base_urls(SITE_URL="https://www.jgswj.example.gov.cn/") == ["https://www.jgswj.example.gov.cn"] * 2
    assert base_urls(SITE_URL="https://www.jgswj.example.gov.cn", WAGTAILADMIN_BASE_URL="https://admin.example.gov.cn") == [
        "https://admin.example.gov.cn",
        "https://www.jgswj.example.gov.cn",
    ]

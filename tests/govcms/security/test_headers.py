"""Security headers: the strict CSP on public pages and APIs, the admin's own CSP, and the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.govcms.security.support import executable_parts

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def directives(header: str) -> dict[str, set[str]]:
    result = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            result[words[0]] = set(words[1:])
    return result


def assert_public_csp(response):
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"}
    assert csp["style-src"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'self'"}
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}
    assert csp["img-src"] == {"'self'", "data:"}
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_every_public_page_has_the_strict_csp_and_no_inline_script_or_style(site_tree, client):
    pages = [
        site_tree.home,
        site_tree.catalogue,
        site_tree.policies,
        site_tree.policy,
        site_tree.interpretation,
        site_tree.report,
        site_tree.guide,
        site_tree.rules,
        site_tree.news_index,
        site_tree.news,
        site_tree.column_index,
        site_tree.column,
        site_tree.section,
        site_tree.article,
        site_tree.press_index,
        site_tree.conference,
        site_tree.about,
    ]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_public_csp(response)
        assert_common_headers(response)
        assert response["X-Frame-Options"] == "DENY"
        problems = executable_parts(response.content.decode(), page=True)
        assert not problems, (page.url, problems)
    for url in ["/search/?q=公务用车", "/xxgk/?organ=1", "/no-such-page/"]:
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert_public_csp(response)
        assert not executable_parts(response.content.decode(), page=True), url


def test_json_api_and_sitemap_have_the_strict_csp(site_tree, client):
    for url in ["/api/search/?q=公务用车", "/api/search/suggest/?q=公务", "/sitemap.xml", "/robots.txt"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_csp(response)
        assert_common_headers(response)


def test_admin_gets_its_own_policy_and_its_pages_load(site_tree, admin_client_logged_in):
    client = admin_client_logged_in
    for url in [
        "/admin/",
        f"/admin/pages/{site_tree.policy.pk}/edit/",
        f"/admin/pages/{site_tree.news.pk}/edit/",
        f"/admin/pages/{site_tree.conference.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/images/multiple/add/",
        "/django-admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" in csp["script-src"], url
        assert csp["object-src"] == {"'none'"}
        assert csp["frame-ancestors"] == {"'self'"}
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        # every script the admin loads is from this site, so script-src 'self' covers it
        for src in re.findall(r'<script[^>]+src="([^"]+)"', response.content.decode()):
            assert src.startswith("/") and not src.startswith("//"), (url, src)
    login = client.get("/admin/logout/")  # logout page is under /admin/ too
    assert "'unsafe-inline'" in login["Content-Security-Policy"]


def test_admin_preview_may_be_framed_by_the_admin(site_tree, admin_client_logged_in):
    response = admin_client_logged_in.get(f"/admin/pages/{site_tree.news.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def run_deploy_check(**extra_env):
    # a clean deployment environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "SECRET_KEY": "q8#Lk2!vB7mZp$4rTn9wLc6yHf1sJd3gAe5uXo0iRbQvNtMlKzPjWyCaSgDhFe7",
        "ALLOWED_HOSTS": "www.jgswj.example.gov.cn",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_production_settings():
    result = run_deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_https_is_switched_off():
    """The check is real: turning HSTS and the redirect off makes it fail."""
    result = run_deploy_check(SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout and "security.W008" in result.stderr + result.stdout


def test_production_settings_redirect_to_https_and_send_hsts(settings, client, site_tree):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_dev_settings_do_not_redirect_to_https():
    """./scripts/demo serves http on 127.0.0.1 with the dev settings."""
    code = (
        "from django.conf import settings; "
        "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govcms.settings.dev"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "False", "0"]

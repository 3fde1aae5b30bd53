"""docker-compose.yml and Dockerfile (Docker cannot run here): services present and env names the settings read."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def test_compose_services_and_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "db", "redis", "minio", "elasticsearch", "periodic"} <= set(services)
    assert services["elasticsearch"]["profiles"] == ["search"]
    env = services["web"]["environment"]
    settings_text = "".join(
        (ROOT / p).read_text()
        for p in ("govcms/settings/production.py", "govcms/settings/base.py", "deploy/gunicorn.conf.py", "manage.py")
    )
    for name in set(env) - {"DATABASE_URL"}:  # DATABASE_URL is read by dj_database_url.config() in base.py
        assert re.search(rf'["\']{name}["\']', settings_text), f"{name} is not read by the settings"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert "gunicorn -c deploy/gunicorn.conf.py govcms.wsgi" in services["web"]["command"]
    assert "run_periodic" in services["periodic"]["command"]
    for name in ("web", "periodic"):  # visitors' private files survive a redeploy, and both processes see them
        assert f"privatemedia:{env['PRIVATE_MEDIA_ROOT']}" in services[name]["volumes"]


def test_dockerfile_is_non_root_and_collects_static():
    text = (ROOT / "Dockerfile").read_text()
    assert text.startswith("#") and "FROM python:3.11-slim-bookworm" in text
    assert "collectstatic" in text and re.search(r"^USER govcms$", text, re.M)
    assert "deploy/gunicorn.conf.py" in text


def test_compose_demands_a_key_and_hosts():
    """Production refuses the development SECRET_KEY and ALLOWED_HOSTS: compose stops before starting without them."""
    text = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"^\s+SECRET_KEY: \$\{SECRET_KEY:\?[^}]+\}$", text, re.M)
    assert re.search(r"^\s+ALLOWED_HOSTS: \$\{ALLOWED_HOSTS:\?[^}]+\}$", text, re.M)

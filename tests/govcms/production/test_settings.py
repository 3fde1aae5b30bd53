"""Production settings read from a realistic environment, in a fresh interpreter; collectstatic with hashed names."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEPLOYED = {"SECRET_KEY": "a-real-production-key", "ALLOWED_HOSTS": "www.example.gov.cn"}  # production refuses without
PRINT = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage
print(json.dumps({
    "db": settings.DATABASES["default"], "caches": settings.CACHES, "session": settings.SESSION_ENGINE,
    "storages": settings.STORAGES, "bucket": getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""),
    "endpoint": getattr(settings, "AWS_S3_ENDPOINT_URL", None), "domain": getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None),
    "docs": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None), "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS, "secret": settings.SECRET_KEY, "es": settings.ELASTICSEARCH_URL,
    "media_url": default_storage.url("documents/a.pdf"), "log": settings.LOGGING["handlers"],
}, default=str))
"""


def load(env: dict) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "AWS_", "DJANGO_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="govcms.settings.production")
    out = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_realistic_environment():
    s = load(
        {
            "DATABASE_URL": "postgres://govcms:secret@db.internal:5432/govcms",
            "REDIS_URL": "redis://cache:6379/0",
            "SECRET_KEY": "prod-key",
            "ALLOWED_HOSTS": "www.example.gov.cn,example.gov.cn",
            "AWS_STORAGE_BUCKET_NAME": "govcms-media",
            "AWS_S3_ENDPOINT_URL": "http://minio:9000",
            "AWS_ACCESS_KEY_ID": "ak",
            "AWS_SECRET_ACCESS_KEY": "sk",
            "AWS_S3_REGION_NAME": "cn-south-1",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.gov.cn",
            "ELASTICSEARCH_URL": "http://es:9200",
        }
    )
    assert s["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert (s["db"]["HOST"], s["db"]["PORT"], s["db"]["NAME"], s["db"]["USER"]) == ("db.internal", 5432, "govcms", "govcms")
    assert s["caches"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["caches"]["default"]["LOCATION"] == "redis://cache:6379/0"
    assert s["session"] == "django.contrib.sessions.backends.cache"
    assert s["storages"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s["storages"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert (s["bucket"], s["endpoint"], s["domain"]) == ("govcms-media", "http://minio:9000", "media.example.gov.cn")
    assert s["media_url"] == "https://media.example.gov.cn/documents/a.pdf"
    assert s["docs"] == "redirect"
    assert s["debug"] is False and s["secret"] == "prod-key" and s["es"] == "http://es:9200"
    assert s["hosts"] == ["www.example.gov.cn", "example.gov.cn"]
    assert s["log"]["stdout"]["stream"] == "ext://sys.stdout"


def test_embedded_defaults_without_servers(tmp_path):
    s = load({"CACHE_DIR": str(tmp_path / "cache"), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **DEPLOYED})
    assert s["caches"]["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert s["caches"]["default"]["LOCATION"] == str(tmp_path / "cache")
    assert s["session"] == "django.contrib.sessions.backends.cached_db"
    assert s["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert s["docs"] is None


def test_collectstatic_with_hashed_names(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "AWS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="govcms.settings.production",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_DIR=str(tmp_path / "cache"),
        **DEPLOYED,
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    paths = manifest["paths"]
    assert any(k.startswith("wagtailadmin/") for k in paths)
    css = [k for k in paths if k.endswith(".css") and not k.startswith(("wagtail", "admin"))]
    assert css, "the theme's own CSS is collected"
    assert paths[css[0]] != css[0]  # hashed name
    assert (tmp_path / "static" / (paths[css[0]] + ".gz")).exists()


def test_gunicorn_config_reads_the_environment():
    env = {**os.environ, "GUNICORN_WORKERS": "3", "GUNICORN_TIMEOUT": "45"}
    code = (
        "import runpy, json; c = runpy.run_path('deploy/gunicorn.conf.py');"
        "print(json.dumps({k: c[k] for k in ('workers', 'worker_class', 'timeout', 'accesslog', 'bind')}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "workers": 3,
        "worker_class": "gthread",
        "timeout": 45,
        "accesslog": "-",
        "bind": "127.0.0.1:8000",
    }

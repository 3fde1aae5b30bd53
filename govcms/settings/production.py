"""Production: gunicorn behind a proxy, static files with hashed names served by whitenoise. Refuses to start
without a real SECRET_KEY and ALLOWED_HOSTS."""

import os
import sys
from pathlib import Path

# Without Redis, the cache every gunicorn worker shares is files under var/cache (base.py builds CACHES from it).
os.environ.setdefault("CACHE_DIR", str(Path(__file__).resolve().parents[2] / "var" / "cache"))

from .base import *  # noqa: E402, F403

# Refuse to start, with one line on stderr, with the development key or hosts (base.py's defaults). Exit status 4 is
# gunicorn's "App failed to load": its arbiter then stops, instead of restarting workers that exit with any other code.
_refusals = []
if SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):  # noqa: F405
    _refusals.append("SECRET_KEY is unset or the development key (set a long random value)")
if not ALLOWED_HOSTS or ALLOWED_HOSTS == DEVELOPMENT_ALLOWED_HOSTS.split(","):  # noqa: F405
    _refusals.append("ALLOWED_HOSTS is unset or the development default (set the site's host names, comma-separated)")
if _refusals:
    sys.stderr.write(f"govcms production settings refuse to start: {'; '.join(_refusals)}.\n")
    raise SystemExit(4)

DEBUG = False
PRODUCTION = True
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Security (govcms.security): HTTPS only, secure cookies, HSTS ---
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (the proxy must set
# X-Forwarded-Proto and strip it from clients), so Django knows the request came in over HTTPS.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
# HSTS: browsers use only HTTPS for this host for a year. Start lower (e.g. 3600) on a new deployment; add
# includeSubDomains only when every subdomain serves HTTPS (SECURE_HSTS_INCLUDE_SUBDOMAINS=0 otherwise). The
# preload flag only allows submitting the domain at hstspreload.org, which is a separate manual step.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
# --- Deployment from the environment: database, cache, sessions, media, static, logs ---
# DATABASE_URL is read in base.py (dj-database-url; postgres://user:pass@host:5432/name in production).
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# SECURE_PROXY_SSL_HEADER comes from the environment (security block above): trusting X-Forwarded-Proto is only
# safe behind a proxy that sets it.
USE_X_FORWARDED_HOST = os.environ.get("USE_X_FORWARDED_HOST", "0") == "1"

# CACHES is built in base.py (Redis with REDIS_URL, otherwise files under CACHE_DIR); sessions follow it.
SESSION_ENGINE = "django.contrib.sessions.backends.cache" if REDIS_URL else "django.contrib.sessions.backends.cached_db"  # noqa: F405

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))  # noqa: F405
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # Media (images, documents) in S3-compatible storage (MinIO, OSS, COS...); static files stay with whitenoise.
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None  # "path" for MinIO on an IP address
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_QUERYSTRING_AUTH = os.environ.get("AWS_QUERYSTRING_AUTH", "0") == "1"
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    MEDIA_BACKEND = "storages.backends.s3.S3Storage"
    # Documents are served by redirecting to the bucket's URL: the files are public (disclosure documents).
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    MEDIA_BACKEND = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": MEDIA_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False}},
}

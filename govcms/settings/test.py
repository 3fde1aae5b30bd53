"""Settings for pytest: the real SQLite database and search backend, fast password hashing."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EDITORIAL_LINK_CHECK_SECONDS = 0  # no network from the pre-publication checks; tests/oversight turn it on
PAGECACHE_ENABLED = False  # pagecache tests turn it on (with a cleared cache) where they need it
if REDIS_URL:  # noqa: F405 - one Redis database per xdist worker: a test's cache.clear() (FLUSHDB) empties its own only
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    _number = int(_worker.removeprefix("gw")) + 1 if _worker.startswith("gw") else 0
    _url = urlsplit(REDIS_URL)  # noqa: F405
    _database = int(_url.path.strip("/") or 0) + _number
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_database}"))  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += "-test-" + (_worker or "main")  # noqa: F405

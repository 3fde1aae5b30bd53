"""Settings shared by every environment, in reading order: identity and hosts, apps, middleware, database and cache,
language, files, Wagtail, then each room's own settings; the periodic jobs last.

Embedded defaults (SQLite, Wagtail's database search, local media, an in-memory cache) that environment variables
override: DATABASE_URL, REDIS_URL, CACHE_DIR, SECRET_KEY, ALLOWED_HOSTS, SITE_URL, MEDIA_ROOT and those named below.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The development key and hosts: production.py refuses to start with either.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"
DEVELOPMENT_ALLOWED_HOSTS = "127.0.0.1,localhost,testserver"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = False
PRODUCTION = False  # True in production.py: the system checks of a live site (govcms/checks.py) run then
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", DEVELOPMENT_ALLOWED_HOSTS).split(",") if h]

INSTALLED_APPS = [
    # govcms: the project's own services (security headers and checks, backups, periodic jobs)
    "govcms.security",
    "govcms.backups",
    "govcms.periodic",
    "govcms.units",  # applicant units and their contact people (sign in on the public site)
    "govcms.integrations",  # business systems calling the APIs with tokens
    "govcms.adminui",
    # cms: the content model by section, and the editorial workflow
    "cms.core",
    "cms.taxonomy",
    "cms.home",
    "cms.disclosure",
    "cms.policy",
    "cms.columns",
    "cms.press",
    "cms.news",
    "cms.datasets",  # 数据开放: datasets, schema, releases and rows
    "cms.services",  # the service catalogue (事项清单, guides)
    "cms.editorial",  # before Wagtail: its publish_scheduled (go-live behind the checks) overrides Wagtail's
    # search: the public site search (label "sitesearch")
    "search",
    # interaction: working days, personal data, the public forms' intake, letters, disclosure requests, error
    # reports, their statistics
    "interaction.workdays",
    "interaction.privacy",
    "interaction.intake",
    "interaction.letters",
    "interaction.disclosure_requests",
    "interaction.errorreports",
    "interaction.services",  # online applications, handling, 办件公示 (label "applications")
    "interaction.stats",
    # delivery: the headless API (label "headless"), feeds, share cards, the social outbox, the page cache
    "delivery.api",
    "delivery.feeds",
    "delivery.data",  # the data API, DCAT catalogue, push API and feed of new releases
    "delivery.sharing",
    "delivery.social",
    "delivery.pagecache",
    "delivery.archive",  # 网页归档 (app label "webarchive")
    # oversight: the site's own compliance (site health, link check)
    "oversight.health",
    # themes: the public theme
    "themes",
    # fixtures: the demo content loader
    "fixtures",
    # Wagtail
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Third parties
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "csp",
    "captcha",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The security headers next, outside everything that may fail: a 500 raised by any middleware below (the page
    # cache or the sessions when the database is down) still carries the CSP, frame and permissions headers.
    "govcms.security.middleware.ContentSecurityPolicyMiddleware",
    "govcms.security.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "search.middleware.SearchAnalyticsMiddleware",  # before the page cache: counts the searches it answers too
    # Right after WhiteNoise: cache hits for visitors without a session are answered before sessions and routing.
    "delivery.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "govcms.security.middleware.BadInputMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "govcms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.accessibility",
            ],
        },
    },
]

WSGI_APPLICATION = "govcms.wsgi.application"

# SQLite by default; PostgreSQL (or any Django database) with DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once: gunicorn workers plus an editor.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache (page cache, feeds, API answers, rate limits). REDIS_URL: Redis, shared by every process on
# every machine (production.py keeps sessions there too). Otherwise CACHE_DIR: files shared by the processes of one
# machine (production.py makes var/cache the default). Neither: the memory of one process (runserver, tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = os.environ.get("CACHE_DIR", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "govcms"),
        }
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the interface, dates and times are as users in China read them.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The project's catalogue, then zh-Hans texts for Wagtail's and Django's own strings that their catalogues lack or
# get wrong (locale_overrides/: kept apart because makemessages rewrites locale/ from the project's code).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "省机关事务管理局")
# The site's public address (e.g. https://www.jgswj.example.gov.cn): the default for the admin's and the API's
# absolute links. The default Wagtail Site's hostname and port say it too: `manage.py set_site_address <url>`.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Public site search (search/, label sitesearch): the embedded engine (SQLite FTS5 or PostgreSQL full text over jieba tokens) by
# default; SEARCH_ENGINE=elasticsearch with ELASTICSEARCH_URL for large sites (the embedded index stays the fallback).
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "embedded")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "govcms")
# SEARCH_ENGINE=opensearch with OPENSEARCH_URL (one node's URL, or several comma-separated) for an OpenSearch cluster;
# OPENSEARCH_TIMEOUT is how long a search waits for it (seconds) before the embedded engine answers instead.
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
OPENSEARCH_INDEX = os.environ.get("OPENSEARCH_INDEX", "govcms")
OPENSEARCH_TIMEOUT = float(os.environ.get("OPENSEARCH_TIMEOUT", "3"))
OPENSEARCH_REPLICAS = int(os.environ.get("OPENSEARCH_REPLICAS", "1"))
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "ofd", "wps", "txt", "csv", "zip", "mp4"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Only PDF opens in the browser (its own viewer); every other document, text included, is downloaded, never shown.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# --- Security (govcms.security): sanitised HTML, upload checks, CSP and security headers, login throttling ---
# django-axes first: it refuses locked-out logins before the model backend checks the password.
AUTHENTICATION_BACKENDS = ["govcms.security.backends.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.25"))  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # per username from one address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govcms.security.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The visitor's address for every per-address limit and log (govcms/security/addresses.py): behind PROXY_COUNT trusted
# proxies (1 behind deploy/nginx.conf) the address the outermost one saw; a client's own X-Forwarded-For is ignored.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT") or os.environ.get("LETTERS_PROXY_COUNT") or "0")
# Only a connection from one of these addresses (networks) is believed when it forwards a client's address: anyone
# who reaches gunicorn directly is counted by their own address. Loopback by default (nginx on the same machine).
TRUSTED_PROXY_ADDRESSES = [
    a.strip() for a in os.environ.get("TRUSTED_PROXY_ADDRESSES", "127.0.0.0/8,::1/128").split(",") if a.strip()
]
AXES_CLIENT_IP_CALLABLE = "govcms.security.addresses.client_address"
RATELIMIT_IP_META_KEY = "govcms.security.addresses.client_address"

# Content Security Policy (django-csp 4): strict on the public site and APIs; Wagtail's admin needs inline
# script and style (its panels and editor), so /admin/ and /django-admin/ get SECURITY_ADMIN_CSP instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
SECURITY_ADMIN_CSP_PREFIXES = ["/admin/", "/django-admin/"]
SECURITY_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail overrides it to SAMEORIGIN on its own preview views
SESSION_COOKIE_HTTPONLY = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no call to releases.wagtail.org (the admin CSP refuses it anyway)

# Uploads: documents by content, images verified by Pillow; Pillow refuses the same pixel count as Wagtail.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "govcms.security.forms.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "govcms.security.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
FILE_UPLOAD_PERMISSIONS = 0o644

# Headless API (delivery/api, label headless): Wagtail API v2 under /api/v2/, CORS for /api/ only, anonymous rate
# limit, previews.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or SITE_URL or WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # rich text with internal links expanded to real URLs
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute")
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
HEADLESS_PREVIEW_TOKEN_LIFETIME = int(os.environ.get("HEADLESS_PREVIEW_TOKEN_LIFETIME", "3600"))
HEADLESS_PREVIEW_FRONTEND_URL = os.environ.get("HEADLESS_PREVIEW_FRONTEND_URL", "")
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
CORS_URLS_REGEX = r"^/api/.*$"

# Social outbox (delivery.social): HTTP timeouts in seconds, retries on connection errors, 5xx and 429; periodic sending.
SOCIAL_CONNECT_TIMEOUT = 5
SOCIAL_READ_TIMEOUT = 20
SOCIAL_RETRIES = 3
SOCIAL_BACKOFF = 1.0

# Page cache (delivery.pagecache): whole anonymous Wagtail page responses, keyed by the content generation
# (cms/core/changes.py: one signal, content_changed, and one generation that the page cache, the feeds, the API's
# ETags and the search facet table read). A hook marks public pages; the middleware stores them and serves hits,
# right after WhiteNoise (MIDDLEWARE above). PAGECACHE_VIEWS: the URL names of views other than Wagtail pages whose
# anonymous GET answers it stores (search must not import the page cache). The accessible-mode cookie is named here,
# for the theme that sets it and the page cache that keeps a variant per value.
PAGECACHE_ENABLED = os.environ.get("PAGECACHE_ENABLED", "1") == "1"
PAGECACHE_TIMEOUT = int(os.environ.get("PAGECACHE_TIMEOUT", "600"))
PAGECACHE_VIEWS = ["search"]
ACCESSIBLE_MODE_COOKIE = "a11y"

# Disclosure on request and error reports (interaction/disclosure_requests, interaction/errorreports): public forms
# with per-address limits (django-ratelimit, in the default cache), identity proofs outside MEDIA_ROOT, reminders.
DISCLOSURE_REQUESTS_RATE = os.environ.get("DISCLOSURE_REQUESTS_RATE", "5/h")  # applications per address
DISCLOSURE_LOOKUP_RATE = os.environ.get("DISCLOSURE_LOOKUP_RATE", "30/h")  # lookups per address (code guessing)
DISCLOSURE_ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024
ERROR_REPORTS_RATE = os.environ.get("ERROR_REPORTS_RATE", "10/h")  # error reports per address

# Letters (interaction/letters): 局长信箱 and 咨询建议 — letters from the public, handling deadlines, replies by e-mail, published
# answers. Attachments are kept outside MEDIA_ROOT (never served by the web server); per-address submission limits.
# Attachments: letters/ in the private storage (govcms.storage, PRIVATE_MEDIA_ROOT).
LETTERS_ATTACHMENT_MAX_SIZE = int(os.environ.get("LETTERS_ATTACHMENT_MAX_MB", "10")) * 1024 * 1024
LETTERS_ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "txt", "jpg", "jpeg", "png"]
LETTERS_WRITE_RATE = os.environ.get("LETTERS_WRITE_RATE", "5/h")  # letters sent from one address
LETTERS_LOOKUP_RATE = os.environ.get("LETTERS_LOOKUP_RATE", "30/h")  # look-ups (guessing codes) from one address
LETTERS_DUE_SOON_WORKDAYS = int(os.environ.get("LETTERS_DUE_SOON_WORKDAYS", "2"))  # flagged and reminded when due
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The write form's self-hosted picture check (django-simple-captcha): a small sum, valid for an hour of writing.
# "after" (default): only from an address that has already sent a letter (or tripped the honeypot) within the
# LETTERS_WRITE_RATE window, so a first letter, from a screen reader too, needs none; "always"; "never".
LETTERS_CAPTCHA = os.environ.get("LETTERS_CAPTCHA", "after")
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 60  # minutes
CAPTCHA_FONT_SIZE = 40
CAPTCHA_LETTER_ROTATION = (-8, 8)  # legible for older readers: little rotation, dots but no crossing lines
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)

# Personal data (interaction/privacy): files visitors send (letter attachments, identity proofs) are kept under
# PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and never served; default private_media/ beside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ["PRIVATE_MEDIA_ROOT"]) if os.environ.get("PRIVATE_MEDIA_ROOT") else None

# Periodic jobs (govcms.periodic): what `manage.py run_periodic` runs, in this order, each on its own (one failing
# job does not stop the others). deploy/govcms-periodic.service and docker-compose's periodic service run it every
# minute.
PERIODIC_COMMANDS = [
    ["publish_scheduled"],  # Wagtail: scheduled publishing and unpublishing
    ["search_queue", "--expired"],  # search: re-index catalogue items whose expiry date has passed
    ["social_send"],  # delivery.social: approved posts to the social accounts
    ["disclosure_reminders"],  # interaction.disclosure_requests: handlers of requests near their deadline
    ["letters_remind"],  # interaction.letters: handlers of overdue and nearly-due letters
    ["archive_pages", "--no-progress"],  # delivery.archive: published versions queued for the web archive
    ["site_health", "--record"],  # oversight.health: the report kept fresh (HEALTH_RECORD_MINUTES) and the history
    ["check_links", "--due"],  # oversight.health: every link on published pages, once every LINKCHECK_INTERVAL_HOURS
    ["import_dataset", "--queued"],  # cms.datasets: large release files uploaded in the admin
    ["services_remind"],  # interaction.services: overdue and nearly-due cases; e-mail notices not yet sent
]

# Site health (oversight/health). Column update frequencies by kind, in days (editable per column in the admin);
# links checked politely (govcms/links): per-host rate, timeouts, retries, the User-Agent below.
HEALTH_COLUMN_DAYS = {"news": 14, "notice": 183, "policy": 183, "yearly": 366}
HEALTH_CACHE_SECONDS = int(os.environ.get("HEALTH_CACHE_SECONDS", "300"))  # the dashboard's and endpoint's report
HEALTH_RECORD_MINUTES = int(os.environ.get("HEALTH_RECORD_MINUTES", "60"))  # site_health --record runs this often
HEALTH_MONITOR_TOKEN = os.environ.get("HEALTH_MONITOR_TOKEN", "")  # Bearer token for a monitor of the JSON endpoint
LINKCHECK_INTERVAL_HOURS = float(os.environ.get("LINKCHECK_INTERVAL_HOURS", "24"))
LINKCHECK_PER_HOST_RATE = float(os.environ.get("LINKCHECK_PER_HOST_RATE", "1"))  # requests a second to one host
LINKCHECK_CONCURRENCY = int(os.environ.get("LINKCHECK_CONCURRENCY", "8"))  # hosts checked at once
LINKCHECK_CONNECT_TIMEOUT = float(os.environ.get("LINKCHECK_CONNECT_TIMEOUT", "5"))
LINKCHECK_READ_TIMEOUT = float(os.environ.get("LINKCHECK_READ_TIMEOUT", "15"))
LINKCHECK_RETRIES = int(os.environ.get("LINKCHECK_RETRIES", "2"))
LINKCHECK_FAILURES = 3  # dead in this many checks running: broken
LINKCHECK_ALLOWED_PRIVATE_HOSTS = [h for h in os.environ.get("LINKCHECK_ALLOWED_PRIVATE_HOSTS", "").split(",") if h]
EDITORIAL_LINK_CHECK_SECONDS = float(os.environ.get("EDITORIAL_LINK_CHECK_SECONDS", "10"))  # pre-publication, 0: off

# Open data (cms.datasets): uploads up to this size are imported while the editor waits, larger ones are queued for
# `import_dataset --queued` (run_periodic) and show their progress in the admin; an XLSX may inflate to at most
# DATASET_XLSX_MAX_INFLATED bytes, no member compressed more than DATASET_XLSX_MAX_RATIO times.
DATASET_INLINE_IMPORT_BYTES = int(os.environ.get("DATASET_INLINE_IMPORT_BYTES", str(5 << 20)))
DATASET_MAX_UPLOAD_BYTES = int(os.environ.get("DATASET_MAX_UPLOAD_BYTES", str(1 << 30)))
DATASET_XLSX_MAX_INFLATED = int(os.environ.get("DATASET_XLSX_MAX_INFLATED", str(1 << 30)))
DATASET_XLSX_MAX_RATIO = int(os.environ.get("DATASET_XLSX_MAX_RATIO", "200"))
# A page behind a login restriction (a 共享 dataset) sends anonymous visitors to the units' sign-in, with ?next=.
WAGTAIL_FRONTEND_LOGIN_URL = os.environ.get("WAGTAIL_FRONTEND_LOGIN_URL", "/units/login/")
# Where a unit's contact person lands after signing in without a ?next= (我的办件, interaction/services).
LOGIN_REDIRECT_URL = os.environ.get("LOGIN_REDIRECT_URL", "/services/my/")

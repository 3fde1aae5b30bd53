"""Local development: runserver with DEBUG on."""

from .base import *  # noqa: F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo shows the site's own 404 page, not Django's debug page (themes/middleware.py).
MIDDLEWARE = [*MIDDLEWARE, "themes.middleware.SiteNotFoundMiddleware"]  # noqa: F405

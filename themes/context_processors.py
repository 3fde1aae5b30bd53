"""Puts the visitor's accessible-mode choice (a cookie) into every template, so pages render in it."""

from django.conf import settings

ACCESSIBLE_COOKIE = settings.ACCESSIBLE_MODE_COOKIE  # the page cache (delivery/pagecache/keys.py) reads the setting too


def accessibility(request):
    return {"accessible_mode": request.COOKIES.get(settings.ACCESSIBLE_MODE_COOKIE) == "1"}

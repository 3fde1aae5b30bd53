"""Stores the responses of cacheable page requests, and adds X-Cache: MISS to them."""
from django.conf import settings
from django.core.cache import caches

STORED_HEADERS = ("Content-Type", "Content-Language", "Link")


class PageCacheMiddleware:
    """Goes after AuthenticationMiddleware and MessageMiddleware; the before_serve_page hook marks the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_pagecache_key", None)
        if key and self._storable(request, response):
            timeout = getattr(settings, "PAGECACHE_TIMEOUT", 600)
            headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
            caches[getattr(settings, "PAGECACHE_CACHE", "default")].set(
                key, (response.status_code, headers, response.content), timeout)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False  # the page holds a form with a CSRF token
        messages = getattr(request, "_messages", None)
        if messages is not None and (getattr(messages, "used", False) or getattr(messages, "added_new", False)):
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        return not (getattr(request, "user", None) and request.user.is_authenticated)

"""The page cache's middleware. It sits near the top of the stack: a request from a visitor without a session asking
for a page already cached is answered from the cache there, before sessions, CSRF, authentication and Wagtail's
routing run (X-Cache: HIT). Other page responses marked by the before_serve_page hook are stored on the way out,
with the headers the inner middleware added (CSP and the other security headers) and an ETag from the body if they
had none, and get X-Cache: MISS. Django's get_conditional_response answers a copy's validators with 304."""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from .keys import cache_key, is_cacheable_request

SKIPPED_HEADERS = {"set-cookie", "x-cache", "vary"}


def cache():
    return caches[getattr(settings, "PAGECACHE_CACHE", "default")]


def cached_response(request, key: str) -> HttpResponse | None:
    """The stored copy of a page variant as a response (304 when the copy's ETag or Last-Modified says the
    visitor's own copy is current), or None."""
    cached = cache().get(key)
    if cached is None:
        return None
    status, headers, content = cached
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    etag, modified = response.get("ETag"), parse_http_date_safe(response.get("Last-Modified", ""))
    if etag or modified:
        response = get_conditional_response(request, etag=etag, last_modified=modified, response=response)
    response["X-Cache"] = "HIT"
    return response


def mark_cacheable(request) -> None:
    """For views other than Wagtail pages (feeds): store this anonymous GET's response in the page cache. The key
    is taken now, before the view reads any content, so an answer built before a change is never stored after it."""
    if getattr(settings, "PAGECACHE_ENABLED", True) and is_cacheable_request(request):
        request._pagecache_key = cache_key(request)


class PageCacheMiddleware:
    """Goes right after WhiteNoise: outside sessions and authentication, inside SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._early_hit_possible(request):
            response = cached_response(request, cache_key(request))
            if response is not None:
                return response
        response = self.get_response(request)
        key = getattr(request, "_pagecache_key", None)
        if key and self._storable(request, response):
            if not response.has_header("ETag"):  # a page's copy answers If-None-Match with 304, as feeds do
                set_response_etag(response)
            headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
            cache().set(key, (response.status_code, headers, response.content), getattr(settings, "PAGECACHE_TIMEOUT", 600))
            response["X-Cache"] = "MISS"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Views named in PAGECACHE_VIEWS (the search page) are marked as feeds mark themselves, without importing
        this module."""
        match = request.resolver_match
        if match is not None and match.view_name in getattr(settings, "PAGECACHE_VIEWS", ()):
            mark_cacheable(request)
        return None

    @staticmethod
    def _early_hit_possible(request) -> bool:
        """A GET or HEAD with no session cookie comes from an anonymous visitor (a signed-in editor always has one)
        and cannot be a preview; what was stored under its key was a public page for such a visitor."""
        return (
            getattr(settings, "PAGECACHE_ENABLED", True)
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

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

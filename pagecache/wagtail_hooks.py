"""Serves a cached copy of a Wagtail page to anonymous visitors, and marks the request so the middleware stores it."""
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from wagtail import hooks

from .keys import cache_key, is_cacheable_request


@hooks.register("before_serve_page", order=1000)
def serve_from_cache(page, request, args, kwargs):
    if not getattr(settings, "PAGECACHE_ENABLED", True) or not is_cacheable_request(request):
        return None
    if page.get_view_restrictions().exists():
        return None
    key = cache_key(request)
    request._pagecache_key = key
    cached = caches[getattr(settings, "PAGECACHE_CACHE", "default")].get(key)
    if cached is None:
        return None
    status, headers, content = cached
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "HIT"
    request._pagecache_key = None
    return response

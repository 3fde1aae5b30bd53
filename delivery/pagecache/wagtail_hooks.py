"""Marks the requests for public Wagtail pages so the middleware stores their responses, and serves a cached copy to
an anonymous visitor who has a session (the middleware answers those without one before routing)."""

from django.conf import settings
from wagtail import hooks

from .keys import cache_key, is_cacheable_request
from .middleware import cached_response


@hooks.register("before_serve_page", order=1000)
def serve_from_cache(page, request, args, kwargs):
    if not getattr(settings, "PAGECACHE_ENABLED", True) or not is_cacheable_request(request):
        return None
    if page.get_view_restrictions().exists():
        return None
    key = cache_key(request)
    response = cached_response(request, key)
    if response is None:
        request._pagecache_key = key
    return response

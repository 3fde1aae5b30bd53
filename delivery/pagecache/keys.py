"""Which requests may use the page cache, and the key of a page variant (site, path, sorted query, a11y, local date,
generation)."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from cms.core import changes


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    return True


def cache_key(request: HttpRequest) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    a11y = "1" if request.COOKIES.get(settings.ACCESSIBLE_MODE_COOKIE) == "1" else "0"
    # Today's date too: what a page shows can change at midnight with nobody saving anything (a policy's
    # validity ends, 有效 becomes 失效), so no copy made yesterday is served today.
    raw = f"{request.get_host()}|{request.path}?{query}|{a11y}|{timezone.localdate().isoformat()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    prefix = getattr(settings, "PAGECACHE_KEY_PREFIX", "pagecache")
    return f"{prefix}:{changes.current()}:{digest}"

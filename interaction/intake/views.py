"""What every intake response carries: never stored by the page cache, a proxy or the browser's shared cache (the
forms hold a CSRF token and a one-time token; the other pages show one visitor's submission)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse

CACHE_CONTROL = "private, no-store"


def never_stored(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks every response of `view` private and not to be stored (delivery.pagecache skips such responses).
    Works for plain views and for page route methods alike (it does not look at the arguments)."""

    @wraps(view)
    def wrapper(*args, **kwargs) -> HttpResponse:
        response = view(*args, **kwargs)
        response["Cache-Control"] = CACHE_CONTROL
        return response

    return wrapper

"""Puts the visitor's accessible-mode choice (a cookie) into every template, so pages render in it."""

ACCESSIBLE_COOKIE = "a11y"


def accessibility(request):
    return {"accessible_mode": request.COOKIES.get(ACCESSIBLE_COOKIE) == "1"}

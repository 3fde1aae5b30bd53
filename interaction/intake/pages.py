"""The routes the intake pages share (the mailbox, the disclosure-request page): each hands over to a function of
the page's views module, and every intake response is never stored."""

from __future__ import annotations

from importlib import import_module

from django.http import HttpRequest, HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .views import never_stored


def intake_route(pattern: str, view: str, *, private: bool = True):
    """A page route (named `view`) calling `view(request, page, **kwargs)` in the page's `intake_views` module;
    with `private`, its responses are never stored."""

    def route(page: IntakePage, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return getattr(page.intake_module(), view)(request, page, *args, **kwargs)

    route.__name__ = route.__qualname__ = view
    return path(pattern, name=view)(never_stored(route) if private else route)


class IntakePage(RoutablePageMixin):
    """Mixed into a Page with a form route of its own (intake_route), plus thanks/ and lookup/ from here.
    `intake_views` is the dotted path of the module holding the route functions."""

    intake_views: str = ""

    def intake_module(self):
        # By name: the views module imports the page's models module, which imports this one.
        return import_module(self.intake_views)

    thanks = intake_route("thanks/", "thanks")
    lookup = intake_route("lookup/", "lookup")

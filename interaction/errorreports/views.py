"""/zhaocuo/: the error report form for the page named in ?page=, and its thanks page. Never cached: the form
carries a CSRF token and a one-time token."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from interaction.intake.limits import Allowance
from interaction.intake.submissions import Outcome, receive
from interaction.intake.views import never_stored

from .forms import ErrorReportForm, clean_page_path


def find_page(request: HttpRequest, path: str) -> Page | None:
    """The live page at `path` on this site, or the nearest live page above it (a routed sub-page, a filter)."""
    site = Site.find_for_request(request)
    if site is None or not path:
        return None
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    root = site.root_page.url_path
    while True:
        page = Page.objects.live().filter(url_path=root + "".join(p + "/" for p in parts)).first()
        if page is not None or not parts:
            return page
        parts.pop()


REPORT = Allowance("errorreports.report", "ERROR_REPORTS_RATE", "10/h")  # reports accepted (and honeypot trips)


def _render(request, template: str, status: int = 200, **context) -> HttpResponse:
    return render(request, f"errorreports/{template}.html", context, status=status)


@never_stored
def report(request: HttpRequest) -> HttpResponse:
    path = clean_page_path(request.POST.get("page_url") if request.method == "POST" else request.GET.get("page"))
    target = find_page(request, path)
    context = {"target": target, "target_path": path}
    if request.method != "POST":
        return _render(request, "report", form=ErrorReportForm(initial={"page_url": path}), **context)
    form = ErrorReportForm(request.POST)
    submission = receive(request, form, REPORT, page=target)
    if submission.outcome is Outcome.LIMITED:
        return _render(
            request,
            "report",
            status=429,
            form=form,
            refused=_("Too many reports have been sent from your network. Please try again in an hour."),
            **context,
        )
    if submission.outcome is Outcome.SPAM:
        return _render(
            request,
            "report",
            status=400,
            form=ErrorReportForm(initial={"page_url": path}),
            refused=_("The report could not be accepted."),
            **context,
        )
    if submission.outcome is Outcome.INVALID:
        return _render(request, "report", status=400, form=form, **context)
    return redirect(reverse("errorreports:thanks") + "?" + urlencode({"page": path}))


@never_stored
def thanks(request: HttpRequest) -> HttpResponse:
    path = clean_page_path(request.GET.get("page"))
    return _render(request, "thanks", target=find_page(request, path), target_path=path)

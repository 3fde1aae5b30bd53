"""/zhaocuo/: the error report form for the page named in ?page=, and its thanks page. Never cached: the form
carries a CSRF token and a one-time token."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page, Site

from .forms import ErrorReportForm, clean_page_path
from .models import ErrorReport


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


def _render(request, template: str, status: int = 200, **context) -> HttpResponse:
    response = render(request, f"errorreports/{template}.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def report(request: HttpRequest) -> HttpResponse:
    path = clean_page_path(request.POST.get("page_url") if request.method == "POST" else request.GET.get("page"))
    target = find_page(request, path)
    context = {"target": target, "target_path": path}
    if request.method != "POST":
        return _render(request, "report", form=ErrorReportForm(initial={"page_url": path}), **context)
    rate = getattr(settings, "ERROR_REPORTS_RATE", "10/h")
    if is_ratelimited(request, group="errorreports.report", key="ip", rate=rate, method="POST", increment=True):
        return _render(
            request,
            "report",
            status=429,
            form=ErrorReportForm(request.POST),
            refused=_("Too many reports have been sent from your network. Please try again in an hour."),
            **context,
        )
    form = ErrorReportForm(request.POST)
    if form.is_spam:
        return _render(
            request,
            "report",
            status=400,
            form=ErrorReportForm(initial={"page_url": path}),
            refused=_("The report could not be accepted."),
            **context,
        )
    token = (request.POST.get("submission_token") or "")[:64] or None
    done = token is not None and ErrorReport.objects.filter(submission_token=token).exists()
    if not done and form.is_valid():
        obj = form.save(commit=False)
        obj.page = target
        obj.submission_token = token
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:  # the same form sent twice at once
            pass
        done = True
    if done:
        return redirect(reverse("errorreports:thanks") + "?" + urlencode({"page": path}))
    return _render(request, "report", form=form, **context)


def thanks(request: HttpRequest) -> HttpResponse:
    path = clean_page_path(request.GET.get("page"))
    return _render(request, "thanks", target=find_page(request, path), target_path=path)

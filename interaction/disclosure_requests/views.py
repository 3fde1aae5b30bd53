"""The public routes of DisclosureRequestPage: apply, thanks (the code), lookup (code + phone or e-mail), letter.

Every answer is private and never stored by the page cache or a proxy (the page's intake routes see to that): the
form carries a one-time token, the others show one applicant's request."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interaction.intake.limits import Allowance
from interaction.intake.submissions import Outcome, receive

from . import notify
from .forms import ApplicationForm, LookupForm
from .models import DisclosureRequest, DisclosureRequestPage

SESSION_CODE = "disclosure_requests.code"
SESSION_GRANTED = "disclosure_requests.granted"
MAX_GRANTS = 20


APPLY = Allowance("disclosure_requests.apply", "DISCLOSURE_REQUESTS_RATE", "5/h")  # applications accepted
LOOKUP = Allowance("disclosure_requests.lookup", "DISCLOSURE_LOOKUP_RATE", "30/h")  # every look-up (code guessing)


def route_url(request: HttpRequest, page: DisclosureRequestPage, name: str, *args) -> str:
    return page.get_url(request) + page.reverse_subpage(name, args=args)


def full_route_url(page: DisclosureRequestPage, name: str, *args) -> str:
    return (page.full_url or "") + page.reverse_subpage(name, args=args)


def render(request, page, template: str, status: int = 200, **context) -> HttpResponse:
    context.update(apply_url=route_url(request, page, "application"), lookup_url=route_url(request, page, "lookup"))
    response = page.render(request, template=f"disclosure_requests/{template}.html", context_overrides=context)
    response.status_code = status
    return response


def application(request: HttpRequest, page: DisclosureRequestPage) -> HttpResponse:
    if request.method != "POST":
        return render(request, page, "disclosure_request_page", form=ApplicationForm())
    form = ApplicationForm(request.POST, request.FILES)
    submission = receive(request, form, APPLY)
    if submission.outcome is Outcome.LIMITED:
        return render(
            request,
            page,
            "disclosure_request_page",
            status=429,
            form=form,
            refused=_(
                "Too many applications have been sent from your network. Please try again in an hour, "
                "or apply by post or in person."
            ),
        )
    if submission.outcome is Outcome.SPAM:
        return render(
            request,
            page,
            "disclosure_request_page",
            status=400,
            form=ApplicationForm(),
            refused=_("The application could not be accepted."),
        )
    if submission.outcome is Outcome.INVALID:
        return render(request, page, "disclosure_request_page", status=400, form=form, lost_file=bool(request.FILES))
    if submission.outcome is Outcome.SAVED:
        notify.received(submission.obj, full_route_url(page, "lookup"))
    request.session[SESSION_CODE] = submission.obj.code
    return redirect(route_url(request, page, "thanks"))


def thanks(request: HttpRequest, page: DisclosureRequestPage) -> HttpResponse:
    code = request.session.get(SESSION_CODE)
    obj = DisclosureRequest.objects.filter(code=code).first() if code else None
    if obj is None:
        return redirect(route_url(request, page, "application"))
    return render(request, page, "thanks", obj=obj)


def lookup(request: HttpRequest, page: DisclosureRequestPage) -> HttpResponse:
    if request.method != "POST":
        return render(request, page, "lookup", form=LookupForm())
    if LOOKUP.count(request):
        return render(
            request,
            page,
            "lookup",
            status=429,
            form=LookupForm(request.POST),
            refused=_("Too many lookups from your network. Please try again in an hour."),
        )
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, page, "lookup", form=form)
    obj: DisclosureRequest = form.cleaned_data["request"]
    granted = [c for c in request.session.get(SESSION_GRANTED, []) if c != obj.code][-(MAX_GRANTS - 1) :]
    request.session[SESSION_GRANTED] = granted + [obj.code]
    return render(
        request,
        page,
        "lookup",
        form=LookupForm(),
        obj=obj,
        letter_url=route_url(request, page, "letter", obj.code) if obj.replied_at else "",
    )


def letter(request: HttpRequest, page: DisclosureRequestPage, code: str) -> HttpResponse:
    """The reply letter as a printable HTML page, for whoever has just looked the request up in this browser."""
    obj = DisclosureRequest.objects.filter(code=code.upper(), replied_at__isnull=False).first()
    if obj is None or obj.code not in request.session.get(SESSION_GRANTED, []):
        return render(
            request,
            page,
            "lookup",
            status=403,
            form=LookupForm(initial={"code": code}),
            refused=_("Look the application up with its tracking code and your telephone or e-mail first."),
        )
    context = {"obj": obj, "page": page, "site_name": settings.WAGTAIL_SITE_NAME}
    html = render_to_string("disclosure_requests/letter.html", context, request=request)
    response = HttpResponse(html)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="reply-{obj.code}.html"'
    return response

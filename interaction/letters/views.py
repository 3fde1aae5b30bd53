"""The mailbox page's routes: answered letters (filterable, searchable), write, thanks, look up a letter."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

from cms.core.listing import paginate

from . import workflow
from .forms import LetterForm, LookupForm
from .models import Letter, MailboxPage

SESSION_CODES = "letters_codes"  # tracking codes of the letters written in this browser session


def show(request: HttpRequest, page: MailboxPage, template: str, status: int = 200, **context) -> HttpResponse:
    """A form or answer for one visitor: never stored by the page cache or any shared cache."""
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    add_never_cache_headers(response)
    return response


def listing(request: HttpRequest, page: MailboxPage) -> HttpResponse:
    letters = page.answered()
    categories = sorted(set(letters.values_list("category", flat=True)))
    years = [d.year for d in letters.dates("replied_date", "year", order="DESC")]
    category = request.GET.get("category", "").strip()
    year = request.GET.get("year", "").strip()
    text = " ".join(request.GET.get("q", "").split())[:50]
    errors = []
    if category and category not in categories:
        errors.append(_("There are no answered letters in the category “%(category)s”.") % {"category": category})
        category = ""
    if year and not (year.isdigit() and int(year) in years):
        errors.append(_("There are no answered letters from the year “%(year)s”.") % {"year": year})
        year = ""
    if category:
        letters = letters.filter(category=category)
    if year:
        letters = letters.filter(replied_date__year=int(year))
    if text:
        letters = letters.filter(Q(title__icontains=text) | Q(message__icontains=text) | Q(reply__icontains=text))
    params = {k: v for k, v in (("category", category), ("year", year), ("q", text)) if v}
    return page.render(
        request,
        context_overrides={
            "letters": paginate(request, letters),
            "categories": categories,
            "years": years,
            "category": category,
            "year": year,
            "q": text,
            "filter_errors": errors,
            "querystring": urlencode(params),
        },
    )


def _usage(request: HttpRequest, group: str, rate: str) -> dict | None:
    """This address's counter (security.addresses.client_address, RATELIMIT_IP_META_KEY), without counting. It is
    kept for all methods, so that captcha_needed can read it while showing the form."""
    return get_usage(request, group=group, key="ip", rate=rate, method=ALL, increment=False)


def _limited(request: HttpRequest, group: str, rate: str, increment: bool) -> bool:
    """With increment, this request counts; without, whether one more would go over the limit."""
    if increment:
        return is_ratelimited(request, group=group, key="ip", rate=rate, method=ALL, increment=True)
    usage = _usage(request, group, rate)
    return usage is not None and (usage["should_limit"] or usage["count"] >= usage["limit"])


def captcha_needed(request: HttpRequest) -> bool:
    """Whether the write form carries the picture check. LETTERS_CAPTCHA "always", "never", or "after" (the
    default): only once this address has sent a letter, or tripped the honeypot, within the LETTERS_WRITE_RATE
    window. A first letter then needs no picture, which a screen reader cannot read; a second one, or a bot's
    next try, does."""
    mode = settings.LETTERS_CAPTCHA
    if isinstance(mode, bool) or str(mode).lower() in ("1", "0", "true", "false", "always", "never", ""):
        return str(mode).lower() in ("1", "true", "always")
    usage = _usage(request, "letters.write", settings.LETTERS_WRITE_RATE)
    return bool(usage and usage["count"] >= 1)


def write(request: HttpRequest, page: MailboxPage) -> HttpResponse:
    template = "letters/write.html"
    if request.method != "POST":
        return show(request, page, template, form=LetterForm(captcha=captcha_needed(request)))
    token = request.POST.get("form_token", "")
    if token and Letter.objects.filter(form_token=token).exists():  # the same form sent again: one letter
        return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"))
    form = LetterForm(request.POST, request.FILES, captcha=captcha_needed(request))
    if _limited(request, "letters.write", settings.LETTERS_WRITE_RATE, increment=False):
        form.is_valid()
        form.add_error(
            None,
            _("Too many letters have been sent from your network address. Please try again in an hour, or write to us by post."),
        )
        return show(request, page, template, 429, form=form)
    if form.is_spam:
        _limited(request, "letters.write", settings.LETTERS_WRITE_RATE, increment=True)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Your letter could not be accepted. Please leave the field marked "
                "“Leave this field empty” empty and send it again."
            ),
        )
        return show(request, page, template, 400, form=form)
    if not form.is_valid():
        return show(request, page, template, 400, form=form)
    letter = form.save(commit=False)
    letter.mailbox = page
    try:
        with transaction.atomic():
            letter.save()
    except IntegrityError:  # the same form posted twice at once: the first one made the letter
        if not Letter.objects.filter(form_token=letter.form_token).exists():
            raise
    else:
        _limited(request, "letters.write", settings.LETTERS_WRITE_RATE, increment=True)
        remember(request, letter)
        workflow.acknowledge(letter, request.build_absolute_uri(page.url + page.reverse_subpage("lookup")))
    return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"))


def remember(request: HttpRequest, letter: Letter) -> None:
    codes = [c for c in request.session.get(SESSION_CODES, []) if c != letter.tracking_code]
    request.session[SESSION_CODES] = (codes + [letter.tracking_code])[-10:]


def thanks(request: HttpRequest, page: MailboxPage) -> HttpResponse:
    codes = request.session.get(SESSION_CODES, [])
    letter = Letter.objects.filter(tracking_code=codes[-1]).select_related("category").first() if codes else None
    return show(request, page, "letters/thanks.html", letter=letter)


def lookup(request: HttpRequest, page: MailboxPage) -> HttpResponse:
    template = "letters/lookup.html"
    if request.method != "POST":
        return show(request, page, template, form=LookupForm())
    form = LookupForm(request.POST)
    if _limited(request, "letters.lookup", settings.LETTERS_LOOKUP_RATE, increment=True):
        form.is_valid()
        form.add_error(None, _("Too many look-ups from your network address. Please try again in an hour."))
        return show(request, page, template, 429, form=form)
    if not form.is_valid():
        return show(request, page, template, 400, form=form)
    letter = form.find()
    if letter is None:
        form.add_error(None, _("No letter matches this tracking code and contact. Check both and try again."))
        return show(request, page, template, 404, form=form)
    reply = getattr(letter, "reply", None) if letter.status in (Letter.Status.REPLIED, Letter.Status.CLOSED) else None
    return show(request, page, template, form=LookupForm(), letter=letter, reply=reply)

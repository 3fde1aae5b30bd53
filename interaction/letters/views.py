"""The mailbox page's routes: answered letters (filterable, searchable), write, thanks, look up a letter."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from cms.core.listing import paginate
from interaction.intake.limits import Allowance
from interaction.intake.submissions import Outcome, receive

from . import workflow
from .forms import LetterForm, LookupForm
from .models import Letter, MailboxPage

SESSION_CODES = "letters_codes"  # tracking codes of the letters written in this browser session


def show(request: HttpRequest, page: MailboxPage, template: str, status: int = 200, **context) -> HttpResponse:
    """A form or answer for one visitor (never stored: the page's intake routes see to that)."""
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
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


WRITE = Allowance("letters.write", "LETTERS_WRITE_RATE", "5/h")  # letters accepted (and honeypot trips)
LOOKUP = Allowance("letters.lookup", "LETTERS_LOOKUP_RATE", "30/h")  # every look-up: codes must not be guessed


def captcha_needed(request: HttpRequest) -> bool:
    """Whether the write form carries the picture check. LETTERS_CAPTCHA "always", "never", or "after" (the
    default): only once this address has sent a letter, or tripped the honeypot, within the LETTERS_WRITE_RATE
    window (the intake counts both against WRITE). A first letter then needs no picture, which a screen reader
    cannot read; a second one, or a bot's next try, does."""
    mode = settings.LETTERS_CAPTCHA
    if isinstance(mode, bool) or str(mode).lower() in ("1", "0", "true", "false", "always", "never", ""):
        return str(mode).lower() in ("1", "true", "always")
    return WRITE.used(request) >= 1


def write(request: HttpRequest, page: MailboxPage) -> HttpResponse:
    template = "letters/write.html"
    if request.method != "POST":
        return show(request, page, template, form=LetterForm(captcha=captcha_needed(request)))
    form = LetterForm(request.POST, request.FILES, captcha=captcha_needed(request))
    submission = receive(request, form, WRITE, mailbox=page)
    if submission.outcome is Outcome.LIMITED:
        form.add_error(
            None,
            _("Too many letters have been sent from your network address. Please try again in an hour, or write to us by post."),
        )
        return show(request, page, template, 429, form=form)
    if submission.outcome is Outcome.SPAM:
        form.add_error(
            None,
            _(
                "Your letter could not be accepted. Please leave the field marked "
                "“Leave this field empty” empty and send it again."
            ),
        )
        return show(request, page, template, 400, form=form)
    if submission.outcome is Outcome.INVALID:
        return show(request, page, template, 400, form=form)
    if submission.outcome is Outcome.SAVED:
        letter = submission.obj
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
    if LOOKUP.count(request):
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

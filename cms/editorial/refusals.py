"""A refusal by the pre-publication checks: recorded in the page's audit log, and shown to the editor from that entry
(the page editor's URL carries the entry's id, so every way of refusing — editor, workflow action view — shows it).
Each problem names the form field at fault; the editor's script (static/editorial/js/refusal-fields.js) marks it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages as admin_messages
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from cms.editorial.checks import Problem

REFUSED_ACTION = "editorial.publish_refused"
# The query parameter of the page editor's URL naming the refusal to show.
REFUSAL_PARAM = "editorial_refusal"
ACTION_LABELS = {
    "publish": gettext_lazy("publishing"),
    "submit": gettext_lazy("submitting for approval"),
    "approve": gettext_lazy("approval"),
    "go_live": gettext_lazy("going live as scheduled"),
}


def record(page: Page, user, action: str, problems: list[Problem]) -> PageLogEntry:
    """Log that `action` ("publish", "submit", "approve" or "go_live") was refused, with every problem."""
    return log(
        instance=page.specific if type(page) is Page else page,
        action=REFUSED_ACTION,
        user=user,
        data={"action": action, "problems": [p.message for p in problems], "fields": [p.field for p in problems]},
    )


def editor_url(page: Page, entry: PageLogEntry) -> str:
    """The page editor, told to show the refusal `entry`."""
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) + "?" + urlencode({REFUSAL_PARAM: entry.pk})


def show_problems(request: HttpRequest, level: int, message: str, lines: list[str], fields: list[str] | None = None) -> None:
    """An admin message with the problems as a list under it (each line escaped); each line names the form field at
    fault (`fields`, in the same order; "" for none) for the editor's script to mark it and link to it."""
    fields = list(fields or []) + [""] * (len(lines) - len(fields or []))
    attributes = [format_html(' data-editorial-field="{}"', field) if field else "" for field in fields]
    items = format_html_join("\n", "<li{}>{}</li>", zip(attributes, lines, strict=True))
    detail = format_html('<ul class="errorlist">{}</ul>', items)
    messages.add_message(request, level, admin_messages.render(message, [], detail=detail))


def show(request: HttpRequest, entry: PageLogEntry) -> None:
    """The refusal `entry` as an error message: what was refused, and the list of problems."""
    data = entry.data or {}
    problems = data.get("problems", [])
    if data.get("action") == "approve":
        message = _(
            "Not approved: the pre-publication checks found %(count)s problem(s) in this revision. "
            "Correct them, or reject it with a comment for the editor."
        ) % {"count": len(problems)}
    else:
        message = _(
            "Not sent for %(action)s: the pre-publication checks found %(count)s problem(s). "
            "Your changes were saved as a draft; correct them and try again."
        ) % {"action": ACTION_LABELS.get(data.get("action"), ACTION_LABELS["publish"]), "count": len(problems)}
    show_problems(request, messages.ERROR, message, problems, data.get("fields"))


def shown_refusal(request: HttpRequest, page: Page) -> PageLogEntry | None:
    """The refusal named in the editor's URL, if it is this user's refusal on this page."""
    try:
        pk = int(request.GET.get(REFUSAL_PARAM, ""))
    except ValueError:
        return None
    return PageLogEntry.objects.filter(pk=pk, page_id=page.pk, action=REFUSED_ACTION, user_id=request.user.pk).first()

"""Admin wiring of the publishing checks: publishing, submitting for approval or approving a page whose content
fails a check is refused with the list of problems and the draft is saved instead; the refusal is logged."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.editorial.checks import Problem, check_page
from cms.editorial.models import SensitiveWord

REFUSED_ACTION = "editorial.publish_refused"
# The POST buttons of the page editor that publish a page or put it in front of a reviewer, with what each does.
GATED_ACTIONS = {
    "action-publish": "publish",
    "action-submit": "submit",
    "action-restart-workflow": "submit",
}
ACTION_LABELS = {
    "publish": gettext_lazy("publishing"),
    "submit": gettext_lazy("submitting for approval"),
    "approve": gettext_lazy("approval"),
}


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = gettext_lazy("Sensitive words")
    menu_order = 260
    add_to_admin_menu = False
    add_to_settings_menu = True
    list_display = ["word", "replacement", "note"]
    search_fields = ["word", "replacement"]
    search_backend_name = None  # plain ORM matching, as for the taxonomy snippets


register_snippet(SensitiveWordViewSet)


def gated_action(request: HttpRequest) -> tuple[list[str], str] | None:
    """The POST keys that would publish (or submit, or approve) the page, and what they do; None for a plain save."""
    if request.method != "POST":
        return None
    for key, action in GATED_ACTIONS.items():
        if request.POST.get(key):
            return [key], action
    if request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve":
        return ["action-workflow-action", "workflow-action-name"], "approve"
    return None


def problems_in_submission(request: HttpRequest, instance: Page, parent: Page) -> list[Problem]:
    """Bind the page editor's own form to what the editor sent, and check the page it would produce.

    An invalid form gives no problems here: Wagtail shows the form's own errors."""
    form_class = type(instance).get_edit_handler().get_form_class()
    form = form_class(request.POST, request.FILES, instance=instance, parent_page=parent, for_user=request.user)
    if not form.is_valid():
        return []
    return check_page(form.save(commit=False))


def show_problems(request: HttpRequest, level: int, message: str, lines: list[str]) -> None:
    """An admin message with the problems as a list under it (each line escaped)."""
    items = format_html_join("\n", "<li>{}</li>", ((line,) for line in lines))
    detail = format_html('<ul class="errorlist">{}</ul>', items)
    messages.add_message(request, level, admin_messages.render(message, [], detail=detail))


def refuse(request: HttpRequest, problems: list[Problem], keys: list[str], action: str) -> None:
    """Turn the request into a plain "save draft" (nothing typed is lost) and tell the editor why."""
    post = request.POST.copy()
    for key in keys:
        post.pop(key, None)
    request.POST = post
    request._editorial_refused = (action, problems)
    request.session["editorial_refusal_shown"] = True
    message = _(
        "Not sent for %(action)s: the pre-publication checks found %(count)s problem(s). "
        "Your changes were saved as a draft; correct them and try again."
    ) % {"action": ACTION_LABELS[action], "count": len(problems)}
    show_problems(request, messages.ERROR, message, [p.message for p in problems])


def warn_on_open(request: HttpRequest, page: Page) -> None:
    """Opening the editor shows what would stop the current draft from being published, before anyone tries."""
    if request.session.pop("editorial_refusal_shown", False):
        return  # the refusal just listed them
    problems = check_page(page)
    if problems:
        message = _("This draft cannot be published yet: the pre-publication checks found %(count)s problem(s).") % {
            "count": len(problems)
        }
        show_problems(request, messages.WARNING, message, [p.message for p in problems])


@hooks.register("before_edit_page")
def check_before_edit(request: HttpRequest, page: Page):
    if request.method == "GET" and "application/json" not in request.headers.get("Accept", ""):
        warn_on_open(request, page)
        return None
    gated = gated_action(request)
    if gated is None:
        return None
    fresh = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    problems = problems_in_submission(request, fresh, page.get_parent().specific)
    if problems:
        refuse(request, problems, *gated)
    return None


@hooks.register("before_create_page")
def check_before_create(request: HttpRequest, parent_page: Page, page_class: type[Page]):
    gated = gated_action(request)
    if gated is None:
        return None
    instance = page_class(owner=request.user)
    instance.locale = parent_page.locale
    problems = problems_in_submission(request, instance, parent_page)
    if problems:
        refuse(request, problems, *gated)
    return None


@hooks.register("before_bulk_action")
def check_before_bulk_publish(request: HttpRequest, action_type: str, objects, action_view):
    """Publishing several pages at once from a listing: refused as a whole if any of them fails a check."""
    if action_type != "publish":
        return None
    lines = []
    for page in objects:
        problems = check_page(page.specific.get_latest_revision_as_object())
        if problems:
            log(
                instance=page.specific,
                action=REFUSED_ACTION,
                user=request.user,
                data={"action": "publish", "problems": [p.message for p in problems]},
            )
            title = page.get_admin_display_title()
            lines += [f"{title}：{p.message}" for p in problems]
    if not lines:
        return None
    message = _("Nothing was published: the pre-publication checks found %(count)s problem(s).") % {"count": len(lines)}
    show_problems(request, messages.ERROR, message, lines)
    return redirect(action_view.next_url)


def log_refusal(request: HttpRequest, page: Page) -> None:
    refused = getattr(request, "_editorial_refused", None)
    if refused is None:
        return
    action, problems = refused
    log(
        instance=page,
        action=REFUSED_ACTION,
        user=request.user,
        data={"action": action, "problems": [p.message for p in problems]},
    )
    request._editorial_refused = None


hooks.register("after_edit_page", log_refusal)
hooks.register("after_create_page", log_refusal)


@hooks.register("register_log_actions")
def register_refusal(actions):
    @actions.register_action(REFUSED_ACTION)
    class PublishRefused(LogFormatter):
        label = gettext_lazy("Refused by the pre-publication checks")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            problems = data.get("problems", [])
            action = ACTION_LABELS.get(data.get("action"), "")
            return _("The pre-publication checks refused %(action)s: %(problems)s") % {
                "action": action or ACTION_LABELS["publish"],
                "problems": "；".join(problems),
            }

"""Admin wiring of the pre-publication checks through Wagtail's own hooks: publishing (before_publish_page, the bulk
action), submitting for approval (before_edit_page / before_create_page: the draft is saved, nothing is submitted) and
approving from the page editor are refused with the list of problems; each refusal is logged. Approving anywhere
else is refused by the reviewers' task itself (models.PrePublicationApprovalTask), going live by publish_scheduled."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.editorial import confirmations, refusals
from cms.editorial.checks import check_page
from cms.editorial.models import SensitiveWord
from cms.editorial.refusals import ACTION_LABELS, REFUSED_ACTION, show_problems


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


def wants_html(request: HttpRequest) -> bool:
    return request.accepts("text/html")


def warn_on_open(request: HttpRequest, page: Page) -> None:
    """Opening the editor shows what would stop the current draft from being published, before anyone tries."""
    problems = check_page(page)
    if problems:
        message = _("This draft cannot be published yet: the pre-publication checks found %(count)s problem(s).") % {
            "count": len(problems)
        }
        show_problems(request, messages.WARNING, message, [p.message for p in problems], [p.field for p in problems])


def refuse_submission(request: HttpRequest, form, parent: Page):
    """Submitting for approval: if the page the editor's form would produce fails a check, save it as a draft (as
    Wagtail's "Save draft" does), log the refusal and go back to the editor, which lists the problems. None when
    the form is invalid (Wagtail shows its errors and submits nothing) or the page passes."""
    if not form.is_valid():
        return None
    page = form.save(commit=False)
    problems = check_page(page)
    if not problems:
        return None
    if page.pk is None:
        page.live = False
        parent.add_child(instance=page)
    elif not page.live:
        page.save()  # as Wagtail's own save of a draft: a page that is not live keeps its row up to date
    page.save_revision(user=request.user, log_action=True, clean=False)
    entry = refusals.record(page, request.user, "submit", problems)
    return redirect(refusals.editor_url(page, entry))


def submits(request: HttpRequest, can_publish: bool) -> bool:
    """Whether the posted page form asks for approval (Wagtail publishes instead when asked to and allowed)."""
    if request.POST.get("action-publish") and can_publish:
        return False
    return bool(request.POST.get("action-submit") or request.POST.get("action-restart-workflow"))


@hooks.register("before_edit_page")
def check_before_edit(request: HttpRequest, page: Page):
    if request.method == "GET":
        if wants_html(request):
            entry = refusals.shown_refusal(request, page)
            if entry is not None:
                refusals.show(request, entry)
            else:
                warn_on_open(request, page)
        return None
    if request.method != "POST":
        return None
    # An approval from the editor is refused by the task, after Wagtail saved the reviewer's edits: after_edit_page
    # finds that refusal among the log entries written from here on.
    request._editorial_log_mark = PageLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    perms = page.permissions_for_user(request.user)
    if not (submits(request, perms.can_publish()) and perms.can_submit_for_moderation()):
        return None
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        return None  # Wagtail refuses the edit itself
    fresh = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()  # the view's own page stays untouched
    form_class = type(fresh).get_edit_handler().get_form_class()
    parent = page.get_parent().specific
    form = form_class(request.POST, request.FILES, instance=fresh, parent_page=parent, for_user=request.user)
    return refuse_submission(request, form, parent)


@hooks.register("before_create_page")
def check_before_create(request: HttpRequest, parent_page: Page, page_class: type[Page]):
    if request.method != "POST" or not parent_page.has_workflow:
        return None
    if not submits(request, parent_page.permissions_for_user(request.user).can_publish_subpage()):
        return None
    instance = page_class(owner=request.user)
    instance.locale = parent_page.locale
    form_class = page_class.get_edit_handler().get_form_class()
    form = form_class(request.POST, request.FILES, instance=instance, parent_page=parent_page, for_user=request.user)
    return refuse_submission(request, form, parent_page)


@hooks.register("before_publish_page")
def check_before_publish(request: HttpRequest, page: Page):
    """Publishing from the page editor (edit or create): the draft is already saved as a revision; it is not
    published while it fails a check."""
    problems = check_page(page)
    if not problems:
        return None
    match = request.resolver_match
    if match is not None and match.view_name == "wagtailadmin_pages:add":
        # The create view adds the new page before this hook with Page.live's default (True): it stays a draft.
        page.live, page.has_unpublished_changes = False, True
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    entry = refusals.record(page, request.user, "publish", problems)
    return redirect(refusals.editor_url(page, entry))


@hooks.register("after_edit_page")
def after_workflow_action(request: HttpRequest, page: Page):
    """The page editor's "Approve" / "Request changes": Wagtail has queued "page … has been updated". An approval the
    task refused (and logged why) goes back to the editor, which lists why, with no success message beside it;
    otherwise the reviewer is told what happened to the page."""
    action = request.POST.get("workflow-action-name")
    if not request.POST.get("action-workflow-action") or action not in ("approve", "reject"):
        return None
    confirmations.drop_updated_message(request, page)
    mark = getattr(request, "_editorial_log_mark", None)
    entry = None
    if action == "approve" and mark is not None:
        entry = (
            PageLogEntry.objects.filter(
                page_id=page.pk, action=REFUSED_ACTION, user_id=request.user.pk, pk__gt=mark, data__action="approve"
            )
            .order_by("-pk")
            .first()
        )
    if entry is not None:
        return redirect(refusals.editor_url(page, entry))
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        extra = {}
    confirmations.confirm(request, page, action, comment=str(extra.get("comment") or "").strip())
    return None


@hooks.register("insert_editor_js")
def refusal_fields_js():
    """The page editor's script that marks the fields a refusal names."""
    return format_html('<script src="{}" defer></script>', static("editorial/js/refusal-fields.js"))


@hooks.register("before_bulk_action")
def check_before_bulk_publish(request: HttpRequest, action_type: str, objects, action_view):
    """Publishing several pages at once from a listing: refused as a whole if any of them fails a check."""
    if action_type != "publish":
        return None
    lines = []
    for page in objects:
        problems = check_page(page.specific.get_latest_revision_as_object())
        if problems:
            refusals.record(page, request.user, "publish", problems)
            title = page.get_admin_display_title()
            lines += [f"{title}：{p.message}" for p in problems]
    if not lines:
        return None
    message = _("Nothing was published: the pre-publication checks found %(count)s problem(s).") % {"count": len(lines)}
    show_problems(request, messages.ERROR, message, lines)
    return redirect(action_view.next_url)


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

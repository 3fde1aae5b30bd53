"""What a reviewer is told after approving or requesting changes from the page editor: Wagtail says only "page …
has been updated"; this says what happened to the page (published, scheduled, passed to the next step, sent back to
its editor with the comment), and nothing at all beside a refusal by the pre-publication checks."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin import messages as admin_messages
from wagtail.models import Page, WorkflowState


def drop_updated_message(request: HttpRequest, page: Page) -> None:
    """Take back the "page … has been updated" message Wagtail has just queued for `page` (other messages stay, in
    their order). Django's message API has no removal: the queued messages are read and the others added again."""
    updated = escape(_("Page '%(page_title)s' has been updated.") % {"page_title": page.get_admin_display_title()})
    kept = [m for m in messages.get_messages(request) if not (m.level == messages.SUCCESS and updated in str(m.message))]
    for message in kept:
        messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)


def confirm(request: HttpRequest, page: Page, action: str, comment: str = "") -> None:
    """Say what the reviewer's `action` ("approve" or "reject") did to `page`, read back from the database."""
    page = Page.objects.get(pk=page.pk).specific
    title = page.get_admin_display_title()
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    buttons = []
    if action == "reject":
        editor = state.requested_by if state is not None else None
        who = (editor.get_full_name() or editor.get_username()) if editor is not None else _("its editor")
        if comment:
            text = _("“%(title)s” was sent back to %(editor)s for changes, with your comment: %(comment)s") % {
                "title": title,
                "editor": who,
                "comment": comment,
            }
        else:
            text = _("“%(title)s” was sent back to %(editor)s for changes.") % {"title": title, "editor": who}
    elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = state.current_task_state.task.name if state.current_task_state else ""
        text = _("“%(title)s” was approved at this step and passed on to the next: %(task)s.") % {"title": title, "task": task}
    elif page.go_live_at and page.go_live_at > timezone.now() and not page.live:
        local = timezone.localtime(page.go_live_at)
        text = _("“%(title)s” was approved and will be published on %(date)s.") % {
            "title": title,
            "date": local.strftime("%Y-%m-%d %H:%M"),
        }
    else:
        text = _("“%(title)s” was approved and published.") % {"title": title}
        if page.live and page.url:
            buttons.append(admin_messages.button(page.url, _("View live"), new_window=False))
    admin_messages.success(request, text, buttons=buttons)

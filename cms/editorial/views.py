"""The workflow action view of the dashboard and the review preview, with the pre-publication checks in front of
"approve": the page editor's own approve button is checked in wagtail_hooks; this is the other way in."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.log_actions import log

from cms.editorial.checks import check_page


class CheckedWorkflowActionView(WorkflowActionView):
    """Wagtail's view, except that approving a revision that fails a check is refused with the list of problems and
    the editor is sent to the page, where the same list is shown; the task stays in progress."""

    def post(self, request, *args, **kwargs):
        from cms.editorial.wagtail_hooks import REFUSED_ACTION, show_problems

        if self.action_name == "approve":
            page = self.task_state.revision.as_object()
            problems = check_page(page)
            if problems:
                log(
                    instance=page,
                    action=REFUSED_ACTION,
                    user=request.user,
                    data={"action": "approve", "problems": [p.message for p in problems]},
                )
                message = _(
                    "Not approved: the pre-publication checks found %(count)s problem(s) in this revision. "
                    "Correct them, or reject it with a comment for the editor."
                ) % {"count": len(problems)}
                show_problems(request, messages.ERROR, message, [p.message for p in problems])
                request.session["editorial_refusal_shown"] = True
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)

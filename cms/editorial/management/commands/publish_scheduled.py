"""Wagtail's publish_scheduled, with the pre-publication checks at go-live: a scheduled page revision that fails a
check now (a sensitive word listed since it was approved, a linked page unpublished since …) does not go live; its
schedule is cancelled and the refusal, with every problem, is in the page's history."""

from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Page, Revision

from cms.editorial import refusals
from cms.editorial.checks import check_page


class Command(WagtailPublishScheduled):
    def handle(self, *args, **options):
        if not options.get("dryrun"):
            self.refuse_failing()
        return super().handle(*args, **options)

    def refuse_failing(self) -> None:
        """Unschedule every due page revision that fails a check, so that Wagtail's command leaves it alone. An
        editor sees the page as a draft again, not stuck as "scheduled" and retried (and logged) on every run."""
        due = Revision.page_revisions.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")
        for revision in due:
            page = revision.as_object()
            problems = check_page(page)
            if not problems:
                continue
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])  # as Wagtail's "Cancel scheduled publish" (logged)
            live = Page.objects.get(pk=page.pk).specific
            refusals.record(live, None, "go_live", problems)
            self.stdout.write(f"not published (pre-publication checks): {live.title}: " + "；".join(p.message for p in problems))

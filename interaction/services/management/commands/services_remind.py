"""`manage.py services_remind`: once a day, e-mails the handlers (users who may accept or decide cases, and the
people of open review steps) the open cases overdue or nearly due; sends again every e-mail notice the mail
server refused before; and deletes visitors' drafts not saved for SERVICES_PUBLIC_DRAFT_DAYS. For `run_periodic`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from interaction.services import workflow
from interaction.services.models import Application, Notice


class Command(BaseCommand):
    help = (
        "Remind handlers of overdue and nearly-due service cases; send again the e-mail notices not yet sent; "
        "delete visitors' expired drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--again", action="store_true", help="Remind even if a reminder was sent today.")

    def handle(self, *args, again: bool = False, **options):
        with override(settings.LANGUAGE_CODE):
            resent = sum(workflow.deliver(n) for n in Notice.objects.filter(sent_at__isnull=True, attempts__lt=20))
            purged = Application.purge_expired_drafts()
            try:
                sent, cases = self.remind(again)
            except Exception as exc:  # one readable line instead of a traceback (e.g. the mail server is down)
                raise CommandError(f"services_remind failed: {type(exc).__name__}: {exc}") from exc
        self.stdout.write(
            f"services_remind: {sent} reminder(s) about {cases} case(s); {resent} notice(s) sent again; "
            f"{purged} expired visitor draft(s) deleted."
        )

    def remind(self, again: bool) -> tuple[int, int]:
        today = timezone.localdate()
        due = []
        for app in Application.objects.filter(status__in=[Application.Status.SUBMITTED, Application.Status.REVIEWING]).order_by(
            "deadline", "pk"
        ):
            if not again and app.reminded_on == today:
                continue
            if app.deadline_state(today) in ("overdue", "due_soon"):
                due.append(app)
        if not due:
            return 0, 0
        users = get_user_model().objects
        handlers = set(
            users.with_perm(
                "applications.accept_application", include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
            ).exclude(email="")
        ) or set(users.filter(is_active=True, is_superuser=True).exclude(email=""))
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines = [
            f"{app.tracking_code} {app.service_name}：{app.title}（{_('deadline')} {app.deadline:%Y-%m-%d}）"
            f" {base}{reverse('service_cases:edit', args=[app.pk])}"
            for app in due
        ]
        overdue = sum(1 for app in due if app.deadline_state(today) == "overdue")
        subject = _("Service cases to handle: %(count)d, of which %(overdue)d overdue") % {"count": len(due), "overdue": overdue}
        sent = 0
        for user in sorted(handlers, key=lambda u: u.pk):
            send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        Application.objects.filter(pk__in=[a.pk for a in due]).update(reminded_on=today)
        return sent, len(due)

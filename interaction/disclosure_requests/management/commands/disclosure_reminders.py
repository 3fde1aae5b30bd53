"""`manage.py disclosure_reminders`: e-mails staff the requests that are overdue or due within 5 working days,
at most once a day per request (a periodic job, listed in PERIODIC_COMMANDS)."""

from __future__ import annotations

import smtplib
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from interaction.disclosure_requests import notify
from interaction.disclosure_requests.models import DisclosureRequest


def handlers_without_assignment() -> list[str]:
    """Who hears of unassigned requests: DISCLOSURE_REQUESTS_NOTIFY, else every active user who may change them."""
    configured = getattr(settings, "DISCLOSURE_REQUESTS_NOTIFY", None)
    if configured:
        return list(configured)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    perm = (
        Q(user_permissions__codename="change_disclosurerequest")
        | Q(groups__permissions__codename="change_disclosurerequest")
        | Q(is_superuser=True)
    )
    return sorted(set(users.filter(perm).values_list("email", flat=True)))


class Command(BaseCommand):
    help = "E-mail the handlers of disclosure requests that are overdue or due soon (once a day per request)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        today = timezone.localdate()
        pending = (
            DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED)
            .filter(due_on__isnull=False)
            .exclude(reminded_on=today)
            .select_related("assigned_to")
        )
        due = [r for r in pending if r.deadline_state(today) in ("overdue", "due_soon")]
        by_recipient: dict[str, list[DisclosureRequest]] = defaultdict(list)
        fallback = None
        for request in due:
            if request.assigned_to and request.assigned_to.email:
                by_recipient[request.assigned_to.email].append(request)
            else:
                fallback = handlers_without_assignment() if fallback is None else fallback
                for email in fallback:
                    by_recipient[email].append(request)
        if due and not by_recipient:
            raise CommandError(f"{len(due)} requests are due, but nobody with an e-mail address handles them.")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_requests:index")
        for recipient, requests in sorted(by_recipient.items()):
            if not dry_run:
                try:
                    notify.reminder(recipient, requests, admin_url)
                except (smtplib.SMTPException, OSError) as exc:
                    raise CommandError(f"disclosure_reminders: could not e-mail {recipient}: {exc}") from exc
            self.stdout.write(f"{recipient}: {', '.join(r.code for r in requests)}")
        if not dry_run:
            DisclosureRequest.objects.filter(pk__in=[r.pk for r in due]).update(reminded_on=today)
        self.stdout.write(
            f"{len(due)} requests due or overdue; {len(by_recipient)} reminders {'would be ' if dry_run else ''}sent."
        )

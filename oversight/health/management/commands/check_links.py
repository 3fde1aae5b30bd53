"""`manage.py check_links`: every link, attachment and image on the published pages checked and stored; broken ones
mailed to the pages' editors. `--due` runs only when the last check is LINKCHECK_INTERVAL_HOURS old (run_periodic)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from oversight.health import linkcheck
from oversight.health.models import LinkCheckRun


class Command(BaseCommand):
    help = "Check every link on the published pages (politely), store the results and mail the editors of broken ones."

    def add_arguments(self, parser):
        parser.add_argument("--due", action="store_true", help="Only if the last check is older than LINKCHECK_INTERVAL_HOURS.")
        parser.add_argument("--no-mail", action="store_true", help="Do not e-mail the editors.")

    def handle(self, *args, due: bool = False, no_mail: bool = False, **options):
        if due:
            last = LinkCheckRun.objects.first()
            interval = dt.timedelta(hours=getattr(settings, "LINKCHECK_INTERVAL_HOURS", 24))
            if last and timezone.now() - last.started_at < interval:
                return
        run = linkcheck.run(mail=not no_mail)
        self.stdout.write(
            f"check_links: {run.pages} pages, {run.addresses} addresses, {run.requests} requests, {run.broken} broken"
        )

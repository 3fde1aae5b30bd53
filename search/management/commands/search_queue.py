"""`manage.py search_queue`: apply queued index changes now (catch-up after an engine was down); exits 1 if some stay queued."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from govcms.progress import progress
from search import queue
from search.management.commands._engines import chosen
from search.models import IndexTask


class Command(BaseCommand):
    help = "Apply the queued search index changes for all active engines (or --engine NAME)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", default="all", help="embedded, elasticsearch, opensearch or all (default)")
        parser.add_argument("--expired", action="store_true", help="first queue items whose expiry date has passed (run daily)")

    def handle(self, *args, engine=None, expired=False, **options):
        targets = chosen(engine)
        if expired:
            self.stdout.write(f"{queue.enqueue_expired()} expired items queued")
        stuck = []
        for target in targets:
            waiting = IndexTask.objects.filter(engine=target.name).count()
            with progress(total=waiting, desc=f"{target.name}", unit="page", disable=waiting < 200, file=self.stderr._out) as bar:
                done, left = queue.process(target, progress=bar.update)
            self.stdout.write(f"{target.name}: {done} changes applied, {left} queued")
            if left:
                task = IndexTask.objects.filter(engine=target.name).exclude(last_error="").order_by("-last_attempt_at").first()
                stuck.append(f"{target.name}: {left} changes still queued" + (f" ({task.last_error[:200]})" if task else ""))
        if stuck:
            raise CommandError("; ".join(stuck))

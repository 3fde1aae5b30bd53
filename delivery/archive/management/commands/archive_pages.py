"""`manage.py archive_pages [--all] [--limit N]`: archive the queued publications as WARC files (a periodic job);
--all first queues the live version of every live page (the archive of everything published now)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from delivery.archive.capture import pending, process, queue_live
from delivery.archive.models import Pending


class Command(BaseCommand):
    help = (
        "Archive every queued publication (page HTML and the files it shows) as WARC records; --all queues every live page first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Queue the live version of every live page first.")
        parser.add_argument("--limit", type=int, default=0, metavar="N", help="Archive at most N queued publications.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, all: bool = False, limit: int = 0, no_progress: bool = False, **options):
        if all:
            self.stdout.write(f"Queued {queue_live()} live page(s).")
        total = Pending.objects.filter(attempts__lt=5).count()
        if limit:
            total = min(total, limit)
        show = not no_progress and options.get("verbosity", 1) > 0 and sys.stderr.isatty()
        done = failed = files = size = 0
        bar = tqdm(total=total, desc="archiving", unit="page", disable=not show, file=sys.stderr, dynamic_ncols=True)
        for n, item in enumerate(pending()):
            if limit and n >= limit:
                break
            archived = process(item)
            if archived is not None:
                done += 1
                files += archived.resources
                size += archived.size
            elif Pending.objects.filter(pk=item.pk).exists():
                failed += 1
                self.stderr.write(f"page {item.page_id}: {Pending.objects.get(pk=item.pk).error}")
            bar.update(1)
        bar.close()
        self.stdout.write(f"Archived {done} page version(s) with {files} file(s), {size / 1024:.0f} KiB; {failed} failed.")
        if failed:
            raise CommandError(f"{failed} page version(s) could not be archived; they stay queued for the next run.")

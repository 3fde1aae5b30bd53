"""`manage.py backup_site [--output FILE]`: every model's data, media and private file, and a manifest, in one tar.gz."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from govcms.backups.archive import write_backup
from govcms.progress import progress as progress_of


class Command(BaseCommand):
    help = "Back up all content, media, users and settings into one tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive path (default: govcms-backup-YYYYmmdd-HHMMSS.tar.gz)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, output=None, no_progress=False, **options):
        path = Path(output or timezone.now().strftime("govcms-backup-%Y%m%d-%H%M%S.tar.gz"))

        def progress(iterable, desc, total):
            return progress_of(iterable, desc=desc, total=total, disable=no_progress, file=self.stderr)

        manifest = write_backup(path, progress)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {rows} rows of {len(manifest['counts'])} models, "
            f"{len(manifest['media'])} media files, {len(manifest['private'])} private files"
        )

"""`manage.py restore_site FILE`: load a backup_site archive into a migrated, empty database, then rebuild search."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from govcms.backups.archive import BackupError, has_content, load_data, migration_mismatch, read_backup, restore_files
from govcms.progress import progress as progress_of


class Command(BaseCommand):
    help = "Restore a backup_site archive onto a migrated database without content (or --force to replace it)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive written by backup_site")
        parser.add_argument("--force", action="store_true", help="replace the content already in the database")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--no-search", action="store_true", help="do not rebuild the search index")

    def handle(self, *args, file=None, force=False, no_progress=False, no_search=False, **options):
        def progress(iterable, desc, total):
            return progress_of(iterable, desc=desc, total=total, disable=no_progress, file=self.stderr)

        try:
            manifest, data, media = read_backup(Path(file))
            app = migration_mismatch(manifest, DEFAULT_DB_ALIAS)
            if app is not None:
                raise BackupError(
                    f"migration state of app {app!r} differs from the backup's; "
                    f"run migrate to the backup's version ({manifest.get('app_version')}) first"
                )
            if not force and has_content(DEFAULT_DB_ALIAS):
                raise BackupError("the database already holds content; restore onto an empty migrated database or pass --force")
            with transaction.atomic(using=DEFAULT_DB_ALIAS):
                rows = load_data(data, DEFAULT_DB_ALIAS)
            restore_files(media, progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored {rows} rows and {len(media)} files from {file}")
        if not no_search:
            call_command("search_rebuild", no_progress=no_progress, stdout=self.stdout, stderr=self.stderr)

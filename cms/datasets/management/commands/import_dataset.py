"""`manage.py import_dataset <dataset> <file> --key K --date YYYY-MM-DD [--note ...]`: imports a CSV or XLSX file
as a release of a dataset (its slug or page id), with a progress bar in a terminal and one line per stage
otherwise; a refused file prints its errors and exits non-zero. `--queued` imports the releases uploaded in the
admin and waiting (run_periodic does that)."""

from __future__ import annotations

import datetime
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.datasets.importing import import_release, prepare_release
from cms.datasets.models import DatasetPage, Release


class Progress:
    """tqdm over bytes (CSV) or rows (XLSX) in a terminal; otherwise one line when each stage starts and ends."""

    def __init__(self, stream, label: str):
        self.stream, self.label = stream, label
        self.bar = None
        self.tty = stream.isatty()
        self.stage = None

    def __call__(self, done: int, total: int, stage: str) -> None:
        if stage != self.stage:
            self.stage = stage
            if not self.tty:
                self.stream.write(f"{self.label}: {stage}…\n")
                self.stream.flush()
        if stage == "rows" and self.tty:
            if self.bar is None:
                self.bar = tqdm(total=total, desc=self.label, unit="B", unit_scale=True, file=self.stream, dynamic_ncols=True)
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = "Import a CSV (UTF-8 or GB18030) or XLSX file as a release of a dataset; all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("dataset", nargs="?", help="the dataset's slug or page id")
        parser.add_argument("file", nargs="?")
        parser.add_argument("--key", help="release key, unique in the dataset (default: the date)")
        parser.add_argument("--date", help="release date YYYY-MM-DD (default: today)")
        parser.add_argument("--note", default="")
        parser.add_argument("--queued", action="store_true", help="import the releases waiting from the admin")

    def handle(self, *args, dataset=None, file=None, key=None, date=None, note="", queued=False, **options):
        if queued:
            return self.import_queued()
        if not dataset or not file:
            raise CommandError("give a dataset and a file, or --queued")
        page = self.find(dataset)
        try:
            release_date = datetime.date.fromisoformat(date) if date else datetime.date.today()
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date}") from None
        try:
            stream = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        release, _created = prepare_release(page, key or release_date.isoformat(), release_date, note)
        if release.status == Release.Status.PUBLISHED:
            raise CommandError(f"release {release.key} of {page.slug} is already published; give another --key")
        self.run(release, stream, file)

    def find(self, dataset: str) -> DatasetPage:
        page = DatasetPage.objects.filter(slug=dataset).first()
        if page is None and dataset.isdigit():
            page = DatasetPage.objects.filter(pk=int(dataset)).first()
        if page is None:
            raise CommandError(f"no dataset with slug or id {dataset}")
        return page

    def run(self, release: Release, stream, name: str) -> None:
        # The stream under Django's OutputWrapper (which would end every tqdm redraw with a newline).
        progress = Progress(getattr(self.stderr, "_out", sys.stderr), f"{release.dataset.slug} {release.key}")
        started = time.monotonic()
        try:
            outcome = import_release(release, stream, name, progress)
        finally:
            progress.close()
            stream.close()
        if not outcome.ok:
            for error in outcome.errors:
                self.stderr.write(f"  row {error['row']}, {error['column'] or '-'}: {error['reason']}")
            raise CommandError(f"{name} refused: {outcome.error_count} error(s); nothing was imported")
        self.stdout.write(
            f"{release.dataset.slug} {release.key}: {outcome.rows} rows published in {time.monotonic() - started:.1f}s"
        )

    def import_queued(self) -> None:
        for release in Release.objects.filter(status=Release.Status.QUEUED).exclude(source_file="").order_by("pk"):
            try:
                stream = release.source_file.open("rb")
            except OSError as exc:
                release.status = Release.Status.FAILED
                release.errors = [{"row": 0, "column": "", "reason": f"file lost: {exc}"}]
                release.error_count = 1
                release.save()
                continue
            try:
                self.run(release, stream, release.source_name)
            except CommandError as exc:
                self.stderr.write(str(exc))
            finally:
                release.source_file.delete(save=False)
                Release.objects.filter(pk=release.pk).update(source_file="")

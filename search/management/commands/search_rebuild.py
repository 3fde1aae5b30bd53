"""`manage.py search_rebuild`: index every live public page again, with a progress bar; readers keep the old index meanwhile."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from govcms.progress import progress
from search import documents, queue
from search.engines.base import EngineUnavailable
from search.management.commands._engines import chosen

CHUNK = 500


def iter_docs(page_ids: list[int]):

    for start in range(0, len(page_ids), CHUNK):
        ids = page_ids[start : start + CHUNK]
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        for page_id in ids:
            page = pages.get(page_id)
            doc = documents.build(page) if page is not None else None
            if doc is not None:
                yield doc


class Command(BaseCommand):
    help = "Rebuild the search index of every live public page (all active engines, or --engine NAME)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", default="all", help="embedded, elasticsearch, opensearch or all (default)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, engine=None, no_progress=False, **options):
        targets = chosen(engine)
        page_ids = list(documents.live_pages().values_list("pk", flat=True))
        for target in targets:
            # Editors keep publishing while a rebuild runs: changes applied meanwhile to the index in use are kept
            # in the queue and applied again to the new index once it is swapped in (queue.rebuild_finished).
            queue.rebuild_started(target)
            bar = progress(total=len(page_ids), desc=f"{target.name}", unit="page", disable=no_progress, file=self.stderr._out)
            try:
                count = target.rebuild(iter_docs(page_ids), len(page_ids), progress=bar.update)
            except EngineUnavailable as exc:
                bar.close()
                queue.rebuild_finished(target, swapped=False)
                raise CommandError(f"{target.name}: rebuild failed, the old index is still in use: {exc}") from exc
            except BaseException:
                queue.rebuild_finished(target, swapped=False)
                raise
            bar.close()
            replay = queue.rebuild_finished(target, swapped=True)
            done, _ = queue.process(target)
            self.stdout.write(
                f"{target.name}: {count} pages indexed"
                + (f", then {done} changes made during the rebuild applied again" if replay else "")
            )

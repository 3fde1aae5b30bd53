"""The durable index queue: changes enqueue page ids per engine in the database; a processor applies them.

Work runs right after the transaction commits, in-process, and from `manage.py search_queue` for catch-up.
A task is removed only when its engine has accepted the change; a failure leaves it queued with the error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from cms.core.changes import content_changed
from search import documents, engines
from search.engines.base import Engine
from search.models import IndexState, IndexTask, SearchEntry

logger = logging.getLogger("sitesearch")

BATCH = 200
RETRY_AFTER_SECONDS = 60  # after a failure, in-process processing leaves that engine alone for this long
_failed_at: dict[str, float] = {}


def enqueue(page_ids: Iterable[int], reason: str = "") -> None:
    """Queue these pages for every active engine, and process the queue once the transaction commits."""
    ids = sorted({int(i) for i in page_ids if i})
    if not ids:
        return
    for engine in engines.active_engines():
        IndexTask.objects.bulk_create(
            [IndexTask(engine=engine.name, page_id=i, reason=reason[:40]) for i in ids], ignore_conflicts=True
        )
        # A task already queued for the page is bumped, so a processor that read the old version keeps it.
        IndexTask.objects.filter(engine=engine.name, page_id__in=ids).update(
            version=F("version") + 1, applied_during_rebuild=False
        )
    transaction.on_commit(process_after_commit)


def process_after_commit() -> None:
    for engine in engines.active_engines():
        last_failure = _failed_at.get(engine.name)
        if last_failure and time.monotonic() - last_failure < RETRY_AFTER_SECONDS:
            continue
        try:
            process(engine, max_tasks=BATCH)
        except Exception:  # never fail the editor's request because of the index; the task stays queued
            logger.exception("search: processing the index queue for %s failed", engine.name)


def _docs_for(page_ids: list[int]) -> tuple[list, list[int]]:
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    to_index, to_delete = [], []
    for page_id in page_ids:
        page = pages.get(page_id)
        doc = documents.build(page) if page is not None else None
        if doc is None:
            to_delete.append(page_id)
        else:
            to_index.append(doc)
    return to_index, to_delete


def process(engine: Engine, max_tasks: int | None = None, progress=None) -> tuple[int, int]:
    """Apply queued tasks for `engine`, oldest first, in batches. Returns (done, left in the queue).

    `progress(n)`, if given, is called after each batch with the number of tasks it applied.
    """
    done = 0
    while max_tasks is None or done < max_tasks:
        size = BATCH if max_tasks is None else min(BATCH, max_tasks - done)
        tasks = list(
            IndexTask.objects.filter(engine=engine.name, applied_during_rebuild=False)
            .order_by("id")[:size]
            .values("id", "page_id", "version")
        )
        if not tasks:
            break
        ids = [t["page_id"] for t in tasks]
        try:
            to_index, to_delete = _docs_for(ids)
            if to_index:
                engine.index(to_index)
            if to_delete:
                engine.delete(to_delete)
        except Exception as exc:
            _failed_at[engine.name] = time.monotonic()
            IndexTask.objects.filter(id__in=[t["id"] for t in tasks]).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000], last_attempt_at=timezone.now()
            )
            logger.warning("search: %s could not apply %d queued changes, they stay queued: %s", engine.name, len(tasks), exc)
            break
        _failed_at.pop(engine.name, None)
        keep = rebuilding(engine)  # the new index may have read the page before this change: apply it again later
        for t in tasks:
            applied = IndexTask.objects.filter(id=t["id"], version=t["version"])
            if keep:
                applied.update(applied_during_rebuild=True)
            else:
                applied.delete()
        done += len(tasks)
        if not engine.moves_generation:  # what a search answers has changed: the page cache's copies are stale
            content_changed.send(sender=engine.__class__, engine=engine.name, pages=ids)
        if progress:
            progress(len(tasks))
    return done, IndexTask.objects.filter(engine=engine.name, applied_during_rebuild=False).count()


def rebuilding(engine: Engine) -> bool:
    return IndexState.objects.filter(engine=engine.name, rebuilding_since__isnull=False).exists()


def rebuild_started(engine: Engine) -> None:
    """From now until rebuild_finished, applied changes stay queued, to be applied again to the new index."""
    IndexState.objects.update_or_create(engine=engine.name, defaults={"rebuilding_since": timezone.now()})


def rebuild_finished(engine: Engine, swapped: bool) -> int:
    """The rebuild is over. If its index was swapped in, changes applied meanwhile go back in the queue (the new
    index may hold an older version of those pages); if not, the index in use has them all and they are done.
    Returns how many were queued again."""
    IndexState.objects.filter(engine=engine.name).update(rebuilding_since=None)
    during = IndexTask.objects.filter(engine=engine.name, applied_during_rebuild=True)
    if swapped:
        return during.update(applied_during_rebuild=False)
    during.delete()
    return 0


def enqueue_expired() -> int:
    """Queue items indexed as in force whose expiry date has since passed, so their validity facet changes."""
    ids = list(
        SearchEntry.objects.filter(validity="valid", expiry_date__lt=timezone.localdate()).values_list("page_id", flat=True)
    )
    enqueue(ids, "expired")
    return len(ids)

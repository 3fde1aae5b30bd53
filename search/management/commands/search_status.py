"""`manage.py search_status`: what each engine holds against what is published, the queue, engine health."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.db.models import Count, Max, Min

from search import documents
from search.engines.base import EngineUnavailable
from search.management.commands._engines import chosen
from search.models import IndexTask


class Command(BaseCommand):
    help = "Show the search index state: documents per engine, live public pages, queued changes, engine health."

    def add_arguments(self, parser):
        parser.add_argument("--engine", default="all", help="embedded, elasticsearch, opensearch or all (default)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, engine=None, json=False, **options):
        state = {"live_public_pages": documents.live_pages().count(), "engines": {}}
        for target in chosen(engine):
            try:
                count = target.count()
            except EngineUnavailable as exc:
                count = None
                state.setdefault("errors", []).append(f"{target.name}: {exc}")
            tasks = IndexTask.objects.filter(engine=target.name, applied_during_rebuild=False)
            agg = tasks.aggregate(n=Count("id"), oldest=Min("created_at"), attempts=Max("attempts"))
            failing = tasks.exclude(last_error="").order_by("-last_attempt_at").first()
            state["engines"][target.name] = {
                "documents": count,
                "queued": agg["n"],
                "oldest_queued": agg["oldest"].isoformat() if agg["oldest"] else None,
                "max_attempts": agg["attempts"] or 0,
                "last_error": failing.last_error if failing else "",
                "health": target.health(),
            }
        if json:
            self.stdout.write(_dumps(state))
            return
        self.stdout.write(f"live public pages: {state['live_public_pages']}")
        for name, e in state["engines"].items():
            health = "ok" if e["health"].get("ok") else f"DOWN ({e['health'].get('error', '')})"
            self.stdout.write(
                f"{name}: {e['documents'] if e['documents'] is not None else '?'} documents, "
                f"{e['queued']} queued, health {health}"
            )
            if e["last_error"]:
                self.stdout.write(f"  last error: {e['last_error'][:300]}")


def _dumps(state) -> str:
    return json.dumps(state, ensure_ascii=False, indent=2, default=str)

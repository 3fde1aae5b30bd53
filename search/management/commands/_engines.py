"""Shared by the search commands: choose engines from --engine, in one readable error line when the name is wrong."""

from __future__ import annotations

from django.core.management.base import CommandError

from search import engines


def chosen(name: str | None) -> list:
    active = engines.active_engines()
    if not name or name == "all":
        return active
    picked = [e for e in active if e.name == name]
    if not picked:
        names = ", ".join(e.name for e in active)
        raise CommandError(f"unknown or inactive search engine {name!r}; active engines: {names} (or all)")
    return picked

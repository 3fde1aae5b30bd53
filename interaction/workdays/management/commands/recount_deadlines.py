"""`manage.py recount_deadlines [--year Y ...]`: count the open cases' stored deadlines again with the working-day
calendar as it stands (what saving a day or a notice in the admin does), and print how many changed."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from interaction.workdays.signals import recount


def parse_year(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise CommandError(f"recount_deadlines: --year must be a year from 2000 to 2100, not {text!r}.")
    return int(value)


class Command(BaseCommand):
    help = (
        "Count the deadlines of open letters, disclosure requests and online applications again with the working-day "
        "calendar as it stands, and record each change in the case's history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            action="append",
            default=[],
            help="Only cases whose deadline was counted across this year (repeatable); every open case without it.",
        )

    def handle(self, *args, year: list[str], **options):
        years = frozenset(parse_year(text) for text in year) or None
        with override(settings.LANGUAGE_CODE):
            counts = recount(years, file=self.stderr._out)
        total = sum(counts.values())
        detail = ", ".join(f"{label} {n}" for label, n in counts.items())
        scope = "、".join(str(y) for y in sorted(years)) if years else "all years"
        self.stdout.write(f"recount_deadlines ({scope}): {total} deadline(s) changed ({detail}).")

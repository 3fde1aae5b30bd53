"""`manage.py site_health`: every site health rule, one line each (or `--json` for a monitor); the exit status is 1
when a veto rule fails. `--record` (for run_periodic) runs the checks when the stored report is older than
HEALTH_RECORD_MINUTES and keeps it (the dashboard, the endpoint and the day's history read it); it always exits 0."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from oversight.health import registry

MARKS = {"pass": "合格", "warn": "预警", "fail": "不合格"}


class Command(BaseCommand):
    help = "Check the site against the national website inspection rules; exit status 1 when a veto rule fails."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--record", action="store_true", help="Run and keep the report if the stored one is older than HEALTH_RECORD_MINUTES."
        )
        parser.add_argument("--items", type=int, default=5, help="Items to fix shown per rule (text output).")

    def handle(self, *args, json: bool = False, record: bool = False, items: int = 5, **options):
        if record:
            latest = registry.latest()
            max_age = dt.timedelta(minutes=getattr(settings, "HEALTH_RECORD_MINUTES", 60))
            if latest is not None and timezone.now() - latest.checked_at < max_age:
                return
            report = registry.current(fresh=True)
            self.stdout.write(f"site_health: {report.status}, {report.count('fail')} rule(s) failing, recorded")
            return
        report = registry.current(fresh=True)
        if json:
            self.stdout.write(_dumps(report.as_dict()))
        else:
            for result in report.results:
                veto = "（否决项）" if result.veto else ""
                self.stdout.write(f"[{MARKS[result.status]}] {result.title}{veto} {result.rule}: {result.summary}")
                self.stdout.write(f"    规则：{result.threshold}")
                for item in result.items[:items]:
                    self.stdout.write(f"    - {item['title']} {item['url']}")
                if len(result.items) > items:
                    self.stdout.write(f"    …另有 {len(result.items) - items} 项")
            self.stdout.write(
                f"site_health: {MARKS[report.status]}; {report.count('pass')} pass, {report.count('warn')} warn, "
                f"{report.count('fail')} fail"
            )
        if report.veto_failed:
            failed = ", ".join(r.rule for r in report.results if r.veto_failed)
            raise CommandError(f"site_health: a veto rule fails ({failed})", returncode=1)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

"""Benchmark of the deadline recount: N open letters and N open disclosure requests received in December 2026, due on
provisional dates in 2027; then 2027's notice is entered (元旦 1–3 January, a make-up working Sunday on 10 January)
and every deadline is counted again.

Two ways, in the same run on the same rows: the baseline one case at a time as a naive receiver would do it (the
model's rule with one calendar query per case, `save()`, one Wagtail log entry per change; rolled back), then the
recount the admin and `manage.py recount_deadlines` run (the entered days read once, bulk updates, bulk log entries).
Prints the seconds, cases per second, queries and the speed-up.

Builds a fresh `bench/workdays.sqlite3` each run. From the project root:
`.venv/bin/python bench/workdays/run.py [--cases N]` (default 10,000 of each)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "bench" / "workdays.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.dev")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.log_actions import log  # noqa: E402

from interaction.disclosure_requests.models import DisclosureRequest  # noqa: E402
from interaction.letters.models import Letter, LetterCategory  # noqa: E402
from interaction.workdays.calendar import add_workdays, preloaded  # noqa: E402
from interaction.workdays.models import CalendarDay, HolidayNotice  # noqa: E402
from interaction.workdays.recount import RECOUNTED  # noqa: E402
from interaction.workdays.signals import recount  # noqa: E402

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOTICE = [(D(2027, 1, 1), "holiday"), (D(2027, 1, 2), "holiday"), (D(2027, 1, 3), "holiday"), (D(2027, 1, 10), "workday")]


class Queries:
    """Counts the queries run inside the block (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


def build(n: int) -> None:
    if DB.exists():
        DB.unlink()
    call_command("migrate", verbosity=0)
    category = LetterCategory.objects.get(name="建议")
    letters, requests = [], []
    with preloaded():
        for i in range(n):
            day = D(2026, 12, 1 + i % 31)
            received = dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)
            letters.append(
                Letter(
                    writer_name="测试",
                    category=category,
                    subject=f"关于食堂的建议{i}",
                    message="建议延长供餐时间。",
                    received_at=received,
                    deadline=add_workdays(day, category.deadline_workdays),
                )
            )
            requests.append(
                DisclosureRequest(
                    code=f"YSQ2026B{i:08d}",
                    received_on=day,
                    clock_start=day,
                    due_on=add_workdays(day, 20),
                    applicant_type="citizen",
                    name="测试",
                    phone="13800000000",
                    address="长沙市",
                    info_title=f"办公用房维修费用{i}",
                    info_description="费用明细",
                    medium="paper",
                    delivery="post",
                )
            )
    Letter.objects.bulk_create(letters, batch_size=1000)
    DisclosureRequest.objects.bulk_create(requests, batch_size=1000)
    CalendarDay.objects.bulk_create([CalendarDay(date=day, kind=kind, name="2027") for day, kind in NOTICE])
    # bulk_create sends no signal: the recount is what the run measures
    HolidayNotice.objects.bulk_create([HolidayNotice(year=2027, reference="国办发明电〔2026〕7号")])


def baseline() -> tuple[float, int, int]:
    """One case at a time: a calendar query per case, save(), log(); rolled back."""
    changed = 0
    with Queries() as queries, transaction.atomic():
        started = time.perf_counter()
        for letter in Letter.objects.filter(status__in=Letter.OPEN).select_related("category"):
            new = letter.count_deadline()
            if new != letter.deadline:
                old, letter.deadline = letter.deadline, new
                letter.save(update_fields=["deadline"])
                log(letter, RECOUNTED, data={"old": old.isoformat(), "new": new.isoformat()})
                changed += 1
        for request in DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED):
            new = request.compute_due()
            if new != request.due_on:
                old, request.due_on = request.due_on, new
                DisclosureRequest.objects.filter(pk=request.pk).update(due_on=new)
                log(request, RECOUNTED, data={"old": old.isoformat(), "new": new.isoformat()})
                changed += 1
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, changed, queries.count


def bulk() -> tuple[float, int, int]:
    with Queries() as queries:
        started = time.perf_counter()
        counts = recount(frozenset({2027}), file=sys.stderr)
        seconds = time.perf_counter() - started
    return seconds, sum(counts.values()), queries.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="open letters, and as many open requests")
    n = parser.parse_args().cases
    started = time.perf_counter()
    build(n)
    print(f"built {n} letters and {n} disclosure requests in {time.perf_counter() - started:.1f}s ({timezone.now():%Y-%m-%d})")
    cases = 2 * n
    base_s, base_changed, base_q = baseline()
    bulk_s, bulk_changed, bulk_q = bulk()
    print(f"baseline (one at a time): {base_s:7.2f}s  {cases / base_s:8.0f} cases/s  {base_q:7d} queries  {base_changed} changed")
    print(f"recount (bulk)          : {bulk_s:7.2f}s  {cases / bulk_s:8.0f} cases/s  {bulk_q:7d} queries  {bulk_changed} changed")
    print(f"speed-up: {base_s / bulk_s:.1f}x")
    if base_changed != bulk_changed:
        sys.exit(f"the two ways disagree: {base_changed} and {bulk_changed} deadlines changed")


if __name__ == "__main__":
    main()

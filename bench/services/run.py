"""Admin benchmark of 办事服务: how long each handling page takes to load with N cases (default 10,000) in the
database, next to a baseline admin page measured in the same run (the account page, which reads no case).

Builds `bench/services.sqlite3` (kept; `--reuse-db` skips building when it holds enough cases): migrate, a service
catalogue with two guides, N cases spread over every state with their history and review steps (bulk inserts).
Then, signed in as a superuser through Django's test client, loads each page `--repeat` times and prints the
median and slowest milliseconds and the ratio to the baseline.

Run from the project root: `.venv/bin/python bench/services/run.py [--cases N] [--repeat R] [--reuse-db]`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "bench" / "services.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.dev")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "results" / "media"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from tqdm import tqdm  # noqa: E402
from wagtail.models import Page  # noqa: E402

from cms.services.models import ServiceGuidePage, ServiceIndexPage  # noqa: E402
from interaction.services.models import Application, Event, ReviewStep  # noqa: E402

STATES = ["submitted", "correction", "reviewing", "decided", "decided", "decided", "refused"]


def build(cases: int) -> None:
    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    index = ServiceIndexPage.objects.first()
    if index is None:
        index = root.add_child(instance=ServiceIndexPage(title="事项清单", slug="bench-sxqd"))
    guides = list(ServiceGuidePage.objects.all())
    if not guides:
        for slug, title, form in (("bench-wx", "办公用房维修项目审批", "repair"), ("bench-jn", "公共机构节能项目备案", "energy")):
            guides.append(index.add_child(instance=ServiceGuidePage(title=title, slug=slug, online_form=form)))
    have = Application.objects.count()
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    batch = []
    for n in tqdm(range(have, cases), desc="cases", unit="case", disable=not sys.stderr.isatty()):
        state = STATES[n % len(STATES)]
        guide = guides[n % 2]
        submitted = dt.datetime.combine(today - dt.timedelta(days=n % 700), dt.time(10), tzinfo=tz)
        batch.append(
            Application(
                form_token=f"bench-{n}",
                tracking_code=f"B{n:011d}",
                service=guide,
                service_name=guide.title,
                form_kind=guide.online_form,
                title=f"维修项目{n}",
                contact_name="张三",
                contact_phone="0731-88888888",
                status=state,
                outcome="approved" if state == "decided" else "",
                submitted_at=submitted,
                accepted_on=submitted.date() if state in ("reviewing", "decided") else None,
                deadline=today + dt.timedelta(days=(n % 30) - 10) if state in ("submitted", "reviewing") else None,
                decided_on=submitted.date() + dt.timedelta(days=12) if state in ("decided", "refused") else None,
                workdays_used=8 if state == "decided" else None,
                on_time=True if state == "decided" else None,
                details={"building": "1号办公楼", "area": "800"},
            )
        )
        if len(batch) == 2000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    if not Event.objects.exists():
        events, steps = [], []
        for app in Application.objects.only("pk", "submitted_at", "status").iterator():
            events.append(Event(application_id=app.pk, at=app.submitted_at, action="submitted", public_text="申请已提交。"))
            if app.status in ("reviewing", "decided"):
                events.append(Event(application_id=app.pk, at=app.submitted_at, action="accepted", public_text="申请已受理。"))
                steps.append(ReviewStep(application_id=app.pk, order=1, name="处室审核", comment="同意。"))
        Event.objects.bulk_create(events, batch_size=5000)
        ReviewStep.objects.bulk_create(steps, batch_size=5000)


def timed(client: Client, url: str, repeat: int) -> tuple[int, list[float]]:
    client.get(url)  # warm
    times, status = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return status, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--reuse-db", action="store_true")
    args = parser.parse_args()
    if not args.reuse_db and DB.exists():
        DB.unlink()
    started = time.monotonic()
    build(args.cases)
    print(f"database: {Application.objects.count()} cases, built in {time.monotonic() - started:.0f}s")
    settings.ALLOWED_HOSTS = ["*"]
    users = get_user_model().objects
    admin = users.filter(username="bench-admin").first() or users.create_superuser("bench-admin", "b@example.com", "x")
    client = Client()
    client.force_login(admin)

    def one(state: str) -> int:
        return Application.objects.filter(status=state).order_by("pk").values_list("pk", flat=True)[0]

    pages = [
        ("baseline: account page", "/admin/account/"),
        ("dashboard (overdue panel)", "/admin/"),
        ("case list", "/admin/service_cases/"),
        ("case list: under review", "/admin/service_cases/?status=reviewing"),
        ("case list: search", "/admin/service_cases/?q=B00000009"),
        ("受理: a submitted case", f"/admin/service_cases/edit/{one('submitted')}/"),
        ("补正: a case awaiting materials", f"/admin/service_cases/edit/{one('correction')}/"),
        ("审核: a case under review", f"/admin/service_cases/edit/{one('reviewing')}/"),
        ("办结: a decided case", f"/admin/service_cases/edit/{one('decided')}/"),
        ("public: 办件公示", "/services/results/"),
        ("public: statistics", "/services/statistics/"),
    ]
    baseline = None
    print(f"{'page':<34}{'status':>7}{'median ms':>11}{'max ms':>9}{'× base':>8}")
    for label, url in pages:
        status, times = timed(client, url, args.repeat)
        median = statistics.median(times)
        baseline = baseline or median
        flag = "" if status == 200 else "  <-- not 200"
        print(f"{label:<34}{status:>7}{median:>11.1f}{max(times):>9.1f}{median / baseline:>8.2f}{flag}")


if __name__ == "__main__":
    main()

"""Open data benchmark: import of a generated CSV of N rows (1,000,000 by default) with the import command's progress
bar; the data API answering a filtered, sorted page of 50 rows of that release (p50, p95) next to the same query
straight on the database in the same run; the dataset page and a chart at that size; memory growth with the file's
size (peak RSS of an import of N/100, N/10 and N rows, each in its own process).

    .venv/bin/python bench/data/run.py                 # 1,000,000 rows
    .venv/bin/python bench/data/run.py --rows 20000    # a quick look

The database is bench/data/var/data.sqlite3, made afresh (or DATABASE_URL when set: PostgreSQL works too; the
benchmark's tables are emptied first). Figures go to stdout and bench/data/var/result-<rows>.txt."""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = Path(__file__).resolve().parent / "var"
sys.path.insert(0, str(ROOT))

UNITS = [f"省直单位{i:03d}" for i in range(400)]
HEADER = ["unit", "year", "kind", "total_kgce", "per_capita_kgce", "reported"]


def setup_django():
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'data.sqlite3'}")
    os.environ["API_ANON_RATE"] = ""  # no rate limit for the benchmark's own client
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # as in production: no query log
    settings.PAGECACHE_ENABLED = False  # every page request is rendered


def make_csv(rows: int) -> Path:
    path = VAR / f"rows-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(rows):
            year = 2006 + i % 20
            staff = rng.randint(40, 900)
            per_capita = round(341.57 * rng.uniform(0.6, 1.4), 2)
            writer.writerow(
                [
                    UNITS[rng.randrange(len(UNITS))],
                    year,
                    "机关" if rng.random() < 0.7 else "事业单位",
                    round(per_capita * staff, 1),
                    per_capita,
                    f"{year + 1}-0{1 + i % 9}-1{i % 10}",
                ]
            )
    return path


def ensure_dataset():
    from django.core.management import call_command
    from wagtail.models import Page, Site

    call_command("migrate", verbosity=0)
    from cms.datasets.models import DatasetChart, DatasetColumn, DatasetIndexPage, DatasetPage
    from cms.home.models import HomePage

    page = DatasetPage.objects.filter(slug="bench").first()
    if page is not None:
        return page
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="基准站点", slug="bench-home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    index = DatasetIndexPage.objects.first() or home.add_child(instance=DatasetIndexPage(title="数据开放", slug="sjkf"))
    page = DatasetPage(title="基准数据集", slug="bench")
    for i, (name, label, kind, unit, codes) in enumerate(
        [
            ("unit", "单位", "text", "", ""),
            ("year", "年度", "integer", "年", ""),
            ("kind", "类型", "code", "", "机关\n事业单位"),
            ("total_kgce", "综合能耗", "decimal", "kgce", ""),
            ("per_capita_kgce", "人均综合能耗", "decimal", "kgce/人", ""),
            ("reported", "填报日期", "date", "", ""),
        ]
    ):
        page.columns.add(DatasetColumn(sort_order=i, name=name, label=label, type=kind, unit=unit, codes=codes))
    page.charts.add(
        DatasetChart(
            sort_order=0, title="历年人均能耗", kind="line", x_column="year", y_column="per_capita_kgce", aggregate="avg"
        )
    )
    page.charts.add(DatasetChart(sort_order=1, title="各单位综合能耗", kind="bar", x_column="unit", y_column="total_kgce"))
    index.add_child(instance=page)
    page.save_revision().publish()
    return DatasetPage.objects.get(pk=page.pk)


def child_import(rows: int) -> None:
    """In its own process: import the N-row file as release `r<N>` and print seconds and peak RSS as JSON."""
    setup_django()
    from django.core.management import call_command

    from cms.datasets.models import Release

    page = ensure_dataset()
    Release.objects.filter(dataset=page, key=f"r{rows}").delete()
    path = make_csv(rows)
    start = time.perf_counter()
    call_command("import_dataset", "bench", str(path), key=f"r{rows}", date="2026-12-01")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak, "file_mb": path.stat().st_size / 2**20}))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, n):
    fn()  # warm
    times = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def measure(rows: int, requests: int) -> list[str]:
    setup_django()
    from django.db import connection
    from django.test import Client

    from cms.datasets.models import Release, Row
    from cms.datasets.queries import _chart_series as chart_series

    page = ensure_dataset()
    release = Release.objects.get(dataset=page, key=f"r{rows}", status="published")
    # The newest release is the one the page and API show by default; the API is asked for it by key anyway.
    client = Client()
    url = "/api/data/datasets/bench/rows/"
    lines = []

    def api(i=0):
        response = client.get(
            url,
            {
                "release": release.key,
                "kind": "机关",
                "year__gte": 2010 + i % 5,
                "year__lte": 2022,
                "sort": "-total_kgce",
                "limit": 50,
            },
        )
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["rows"]) == 50

    def orm(i=0):
        qs = Row.objects.filter(release=release, t1="机关", n0__gte=2010 + i % 5, n0__lte=2022).order_by("-n1", "n")
        rows_ = list(qs.only("values")[:50])
        qs.count()
        assert len(rows_) == 50

    slot = {c["name"]: c["slot"] for c in release.columns}

    def raw(i=0):
        with connection.cursor() as cursor:
            where = f"release_id = %s AND {slot['kind']} = %s AND {slot['year']} >= %s AND {slot['year']} <= %s"
            params = [release.pk, "机关", 2010 + i % 5, 2022]
            cursor.execute(
                f'SELECT "values" FROM datasets_row WHERE {where} ORDER BY {slot["total_kgce"]} DESC, n LIMIT 50', params
            )
            assert len(cursor.fetchall()) == 50
            cursor.execute(f"SELECT COUNT(*) FROM datasets_row WHERE {where}", params)

    from django.core.cache import cache

    def api_cold(i=0):
        cache.clear()  # the filtered count is computed afresh, as the database query below does
        api(i)

    p50, p95 = timed(api_cold, requests)
    lines.append(f"data API, same page, count not yet cached:               p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    p50, p95 = timed(api, requests)
    lines.append(
        f"data API, filtered+sorted page of 50, count cached:     p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({requests} requests)"
    )
    p50, p95 = timed(orm, requests)
    lines.append(f"same query, Django ORM straight on the database:         p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    p50, p95 = timed(raw, requests)
    lines.append(f"same query, raw SQL:                                     p50 {p50:.1f} ms  p95 {p95:.1f} ms")

    def api_unfiltered(i=0):
        response = client.get(url, {"release": release.key, "sort": "unit", "offset": 50 * i, "limit": 50})
        assert response.status_code == 200

    p50, p95 = timed(api_unfiltered, requests)
    lines.append(f"data API, whole release sorted by a text column, paged:  p50 {p50:.1f} ms  p95 {p95:.1f} ms")

    page_url = page.url + f"releases/{release.key}/"

    def html(i=0):
        response = client.get(page_url, {"kind": "机关", "sort": "-total_kgce", "page": 1 + i % 3})
        assert response.status_code == 200

    p50, p95 = timed(html, max(10, requests // 10))
    lines.append(f"dataset page (filtered, sorted, 2 charts; cached aggregates):p50 {p50:.1f} ms  p95 {p95:.1f} ms")

    def line_chart(i=0):
        chart_series(release, "year", "per_capita_kgce", "avg", False, 0)

    def bar_chart(i=0):
        chart_series(release, "unit", "total_kgce", "sum", True, 15)

    p50, p95 = timed(line_chart, 5)
    lines.append(f"line chart over years, uncached (every row aggregated):  p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    p50, p95 = timed(bar_chart, 5)
    lines.append(f"bar chart by unit, top 15, uncached:                     p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--child-import", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        return child_import(args.child_import)
    if args.child_measure:
        print("\n".join(measure(args.child_measure, args.requests)))
        return
    VAR.mkdir(parents=True, exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        (VAR / "data.sqlite3").unlink(missing_ok=True)
    sizes = sorted({max(1000, args.rows // 100), max(1000, args.rows // 10), args.rows})
    report = [f"open data benchmark, {args.rows:,} rows, load average {os.getloadavg()[0]:.2f}"]
    print(report[0], flush=True)
    for rows in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child-import", str(rows)], check=True, stdout=subprocess.PIPE, text=True
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        report.append(
            f"import {rows:>9,} rows ({result['file_mb']:.1f} MB CSV): {result['seconds']:.1f} s, "
            f"{rows / result['seconds']:,.0f} rows/s, peak RSS {result['peak_mb']:.0f} MB"
        )
        print(report[-1], flush=True)  # as it comes: the largest import takes a while
    out = subprocess.run(
        [sys.executable, __file__, "--child-measure", str(args.rows), "--requests", str(args.requests)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    report += out.stdout.strip().splitlines()
    report.append(f"load average after: {os.getloadavg()[0]:.2f}")
    text = "\n".join(report)
    print("\n".join(report[1 + len(sizes) :]))
    (VAR / f"result-{args.rows}.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Load test: a realistic visitor mix (home, listings, items, search, feeds) next to a static file, with wrk.

Builds (or reuses with --reuse-db) bench/load/var/load.sqlite3 holding the demo site scaled with
`load_demo --scale N` (default 100,000 generated items), rebuilds search, serves it with gunicorn and production
settings on 127.0.0.1, warms up, then runs wrk with a Lua script picking URLs by weight, and wrk on a static
file in the same run. Prints requests/s, p50, p95, p99, errors, the ratio to static and the targets met.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import importlib.util
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "bench" / "load" / "var"
_spec = importlib.util.spec_from_file_location("pages_bench", ROOT / "bench" / "pages" / "run.py")
page_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_bench)
page_bench.DB = VAR / "load.sqlite3"  # the shared helpers (environment, targets) read these
page_bench.RESULTS = VAR
HOST = page_bench.HOST
WEIGHTS = {"home": 20, "listing": 25, "item": 35, "search": 10, "feed": 10}
PAGE_KINDS = ("home", "listing", "item")  # the "cached pages" run: Wagtail pages only, same weights
SEARCHES = ["公务用车", "办公用房", "节能", "政府采购", "预算", "公共机构", "机关事务", "培训"]
LUA = """
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT p50=%%d p95=%%d p99=%%d non2xx=%%d sockerr=%%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def candidate_urls(rng: random.Random) -> dict[str, list[str]]:
    with sqlite3.connect(page_bench.DB) as db:
        home = db.execute("SELECT url_path FROM wagtailcore_page WHERE depth = 2 ORDER BY path LIMIT 1").fetchone()[0]
        strip = len(home) - 1
        listings = [
            r[0][strip:]
            for r in db.execute(
                "SELECT p.url_path FROM wagtailcore_page p WHERE p.live AND p.id IN ("
                "SELECT page_ptr_id FROM disclosure_categorypage UNION SELECT page_ptr_id FROM disclosure_catalogueindexpage"
                " UNION SELECT page_ptr_id FROM news_newsindexpage) ORDER BY p.path LIMIT 30"
            )
        ]
        topics = [r[0] for r in db.execute("SELECT slug FROM taxonomy_topic LIMIT 5")]
        count = db.execute("SELECT COUNT(*) FROM disclosure_disclosureitempage").fetchone()[0]
        offsets = sorted(rng.sample(range(count), min(300, count)))
        items = [
            db.execute(
                "SELECT p.url_path FROM wagtailcore_page p JOIN disclosure_disclosureitempage d "
                "ON d.page_ptr_id = p.id WHERE p.live LIMIT 1 OFFSET ?",
                (o,),
            ).fetchone()
            for o in offsets
        ]
    filtered = [f"{path}?topic={t}" for path in listings[:3] for t in topics] + [f"{p}?page=2" for p in listings[:5]]
    return {
        "home": ["/"],
        "listing": listings + filtered,
        "item": [r[0][strip:] for r in items if r],
        "search": ["/search/?" + urllib.parse.urlencode({"q": q}) for q in SEARCHES],
        "feed": ["/feeds/rss/"],
    }


def wrk_run(wrk: str, url: str, script: Path, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = dict(re.findall(r"(\w+)=(\d+)", re.search(r"RESULT .*", out).group(0)))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": int(found["p50"]) / 1000,
        "p95": int(found["p95"]) / 1000,
        "p99": int(found["p99"]) / 1000,
        "errors": int(found["non2xx"]) + int(found["sockerr"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000, help="generated catalogue items (default 100000)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of wrk per run (default 30)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn gthread workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="keep bench/load/var/load.sqlite3 and its search index, as an earlier complete run built them",
    )
    args = parser.parse_args()

    wrk = page_bench.ensure_wrk()
    env = page_bench.environment()
    VAR.mkdir(parents=True, exist_ok=True)
    env["CACHE_DIR"] = str(VAR / "cache")  # emptied before the server starts, so the first pass renders every URL
    if not args.reuse_db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{page_bench.DB}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    page_bench.manage(env, "migrate", "--noinput", "-v", "0")
    page_bench.manage(env, "load_demo", "--scale", str(args.scale))
    page_bench.log(f"content ready in {time.monotonic() - started:.0f}s")
    if args.reuse_db:  # the index an earlier complete run built; only what is queued since
        page_bench.manage(env, "search_queue")
    else:
        page_bench.manage(env, "search_rebuild", "--no-progress")
    page_bench.manage(env, "collectstatic", "--noinput", "-v", "0")
    build_seconds = time.monotonic() - started
    urls = candidate_urls(random.Random(42))
    static_path = page_bench.targets()[-1][1]

    shutil.rmtree(VAR / "cache", ignore_errors=True)
    port = page_bench.free_port()
    base = f"http://{HOST}:{port}"
    command = page_bench.gunicorn_command(port, args.workers, args.threads)
    page_bench.log(" ".join(command[1:]))
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    skipped, hits, misses = [], 0, 0
    try:
        page_bench.wait_until_up(base, server)
        # Each worker process loads jieba's dictionary, the search facet table and compiles templates on its first
        # requests: done here, on URLs outside the mix, so that the first pass below times rendering alone.
        warm = [
            f"{path}{'&' if '?' in path else '?'}_warm={i}"
            for i in range(8)
            for path in ("/", urls["search"][0], urls["item"][0], urls["listing"][0])
            if path
        ]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda path: page_bench.fetch(base + path), warm))
        cold: dict[str, list[float]] = {}  # ms for the first answer of each URL, rendered with the cache empty
        for kind, paths in urls.items():
            kept = []
            for path in paths:
                started = time.perf_counter()
                status, _ = page_bench.fetch(base + path)
                cold.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
                if status == 404:
                    skipped.append(path)
                else:
                    kept.append(path)
            urls[kind] = kept
        for paths in urls.values():  # a second pass: the page cache (when present) answers now
            for path in paths:
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        headers = response.headers
                except urllib.error.HTTPError as exc:  # counted as errors by wrk below
                    headers = exc.headers
                header = (headers.get("X-Cache") or "").upper()
                hits += header.startswith("HIT")
                misses += bool(header) and not header.startswith("HIT")

        def script(name: str, kinds) -> Path:
            weighted = [
                paths[i % len(paths)]
                for kind, paths in urls.items()
                if kind in kinds and paths
                for i in range(WEIGHTS[kind] * 10)
            ]
            path = VAR / f"{name}.lua"
            path.write_text(LUA % ", ".join(json.dumps(p, ensure_ascii=False) for p in weighted), encoding="utf-8")
            return path

        static_lua = VAR / "static.lua"
        static_lua.write_text(LUA % json.dumps(static_path), encoding="utf-8")
        load_before = os.getloadavg()
        mix = wrk_run(wrk, base + "/", script("mix", WEIGHTS), args.duration, args.connections)
        pages = wrk_run(wrk, base + "/", script("pages", PAGE_KINDS), args.duration, args.connections)
        static = wrk_run(wrk, base + static_path, static_lua, args.duration, args.connections)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    ratio = mix["rps"] / static["rps"]
    pages_ratio = pages["rps"] / static["rps"]
    met = lambda ok: "yes" if ok else "NO"  # noqa: E731
    lines = [
        f"Load test {datetime.datetime.now():%Y-%m-%d %H:%M} — {args.scale} generated items (build {build_seconds:.0f}s), "
        f"gunicorn gthread {args.workers}×{args.threads}, wrk 2 threads × {args.connections} connections × "
        f"{args.duration}s, {os.cpu_count()} CPUs, load average {load_before[0]:.2f} before / {load_after[0]:.2f} after",
        "mix: "
        + ", ".join(f"{k} {WEIGHTS[k]}% ({len(v)} URLs)" for k, v in urls.items())
        + (f"; skipped (404 at warm-up): {', '.join(skipped)}" if skipped else ""),
        f"X-Cache: {hits} hits / {hits + misses} answers with the header" if hits + misses else "X-Cache: no header",
        "",
        f"{'run':<8} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'÷ static':>9}",
        f"{'mix':<8} {mix['rps']:>9.1f} {mix['p50']:>8.2f} {mix['p95']:>8.2f} {mix['p99']:>8.2f} {mix['errors']:>7} "
        f"{ratio:>9.3f}",
        f"{'pages':<8} {pages['rps']:>9.1f} {pages['p50']:>8.2f} {pages['p95']:>8.2f} {pages['p99']:>8.2f} "
        f"{pages['errors']:>7} {pages_ratio:>9.3f}",
        f"{'static':<8} {static['rps']:>9.1f} {static['p50']:>8.2f} {static['p95']:>8.2f} {static['p99']:>8.2f} "
        f"{static['errors']:>7} {1:>9.3f}",
        "first answer of each URL, rendered afresh (p50 / max ms): "
        + ", ".join(f"{kind} {statistics.median(times):.0f} / {max(times):.0f}" for kind, times in cold.items() if times),
        "",
        "mix: every kind of visit by weight; pages: home, listings and items only (the cached pages)",
        f"targets: cached pages ≥ 0.5 × static: {met(pages_ratio >= 0.5)} (the whole mix: {ratio:.2f}); "
        f"no errors: {met(mix['errors'] + pages['errors'] == 0)}; "
        f"p99 < 100 ms: mix {met(mix['p99'] < 100)}, pages {met(pages['p99'] < 100)}",
    ]
    report = "\n".join(lines)
    print("\n" + report)
    out = VAR / f"load-{datetime.datetime.now():%Y%m%d-%H%M%S}.txt"
    out.write_text(
        report
        + "\n\n"
        + json.dumps({"mix": mix, "pages": pages, "static": static, "urls": urls}, ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
    )
    page_bench.log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

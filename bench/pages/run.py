"""Benchmark: the demo site scaled to 10,000 catalogue items, served by gunicorn, measured with wrk.

Measures requests per second and latency (p50, p99) of the home page, a catalogue listing and an item
page, each next to a static file served by the same server in the same run, and prints the ratios.
Run from anywhere: `.venv/bin/python bench/pages/run.py` (see bench/README.md for the options).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
DB = BENCH / "site.sqlite3"
RESULTS = BENCH / "results"
HOST = "127.0.0.1"  # the benchmark only ever talks to this machine


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
            "DATABASE_URL": f"sqlite:///{DB}",
            "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": HOST,
            "SECURE_COOKIES": "0",
            "SECURE_SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1, as gunicorn sees it behind a TLS proxy
            "MEDIA_ROOT": str(RESULTS / "media"),
            "STATIC_ROOT": str(RESULTS / "static"),
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(env, *args: str) -> None:
    log("manage.py " + " ".join(args))
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk (apt-get)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        )
        wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("error: wrk is needed: apt-get install wrk (as root), or put wrk on the PATH")
    return wrk


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, int]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, len(exc.read())


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"error: gunicorn exited with status {server.returncode}")
        try:
            fetch(base + "/robots.txt")
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("error: gunicorn did not answer within a minute")


def targets() -> list[tuple[str, str]]:
    """The pages to measure (from the benchmark database) and the static file to compare them with."""
    with sqlite3.connect(DB) as db:
        home_path = db.execute("SELECT url_path FROM wagtailcore_page WHERE depth = 2 ORDER BY path LIMIT 1").fetchone()[0]
        catalogue = db.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN disclosure_catalogueindexpage c ON c.page_ptr_id = p.id "
            "WHERE p.live LIMIT 1"
        ).fetchone()[0]
        item = db.execute("SELECT url_path FROM wagtailcore_page WHERE slug = 'sc-05000' AND live").fetchone()
        if item is None:  # a smaller --scale: any live item
            item = db.execute(
                "SELECT p.url_path FROM wagtailcore_page p JOIN disclosure_disclosureitempage d ON d.page_ptr_id = p.id "
                "WHERE p.live ORDER BY p.id DESC LIMIT 1"
            ).fetchone()
    strip = len(home_path) - 1
    manifest = json.loads((RESULTS / "static" / "staticfiles.json").read_text())["paths"]
    css = sorted(k for k in manifest if k.startswith("themes/") and k.endswith(".css")) or sorted(
        k for k in manifest if k.startswith("wagtailadmin/css/") and k.endswith(".css")
    )
    return [
        ("home page", "/"),
        ("catalogue listing", catalogue[strip:]),
        ("item page", item[0][strip:]),
        ("static file", "/static/" + manifest[css[0]]),
    ]


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def to_ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(wrk: str, url: str, seconds: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    result["non2xx"] = int(bad.group(1)) if bad else 0
    result["socket_errors"] = errors.group(1).strip() if errors else ""
    return result


def gunicorn_command(port: int, workers: int, threads: int) -> list[str]:
    """gunicorn serving the project on HOST:port with gthread workers, as deploy/gunicorn.conf.py does."""
    return [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "govcms.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000, help="catalogue items to generate (default 10000)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn gthread workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--reuse-db", action="store_true", help="keep bench/site.sqlite3 if it exists")
    args = parser.parse_args()

    wrk = ensure_wrk()
    env = environment()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not args.reuse_db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(RESULTS / "media", ignore_errors=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo", "--scale", str(args.scale))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    log(f"database ready in {time.monotonic() - started:.0f}s")

    port = free_port()
    base = f"http://{HOST}:{port}"
    command = gunicorn_command(port, args.workers, args.threads)
    log(" ".join(command[1:]))
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    rows = []
    try:
        wait_until_up(base, server)
        for name, path in targets():
            status, size = fetch(base + path)
            for _ in range(5):  # warm up: renditions, template and query caches
                fetch(base + path)
            log(f"{name}: {path} → HTTP {status}, {size} bytes; measuring {args.duration}s")
            result = run_wrk(wrk, base + path, args.duration, args.connections, min(args.connections, 2))
            rows.append({"name": name, "path": path, "status": status, "bytes": size, **result})
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    static = rows[-1]
    lines = [
        f"Site benchmark {datetime.datetime.now():%Y-%m-%d %H:%M} — {args.scale} generated items, gunicorn gthread "
        f"{args.workers}×{args.threads}, wrk {args.connections} connections × {args.duration}s, {os.cpu_count()} CPUs",
        "",
        f"{'what':<18} {'status':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'req/s ÷ static':>15} {'p50 × static':>13}  path",
    ]
    for row in rows:
        lines.append(
            f"{row['name']:<18} {row['status']:>6} {row['rps']:>9.1f} {row['p50']:>8.2f} {row['p99']:>8.2f} "
            f"{row['rps'] / static['rps']:>15.4f} {row['p50'] / static['p50']:>13.1f}  {row['path']}"
            + (f"  [{row['non2xx']} non-2xx]" if row["non2xx"] else "")
            + (f"  [socket errors: {row['socket_errors']}]" if row["socket_errors"] else "")
        )
    report = "\n".join(lines)
    print("\n" + report)
    out = RESULTS / f"site-{datetime.datetime.now():%Y%m%d-%H%M%S}.txt"
    out.write_text(report + "\n\n" + json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"written to {out.relative_to(ROOT)}")
    if any(row["status"] != 200 or row["non2xx"] for row in rows):
        sys.exit("warning: some responses were not 200; the figures above include them")


if __name__ == "__main__":
    main()

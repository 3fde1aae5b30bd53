"""Benchmark: the site health link check of the demo site, then of the demo scaled to N generated pages with links,
against local HTTP servers (nothing leaves 127.0.0.1).

Prints, for each run: pages read and the time to read them, addresses, requests, the time of the whole check, and
requests per host per second next to the per-host rate limit; and, as the baseline measured in the same run, the
same addresses fetched flat out (one bare requests session per host, no limit, no retries).
Run: `.venv/bin/python bench/links/run.py [--scale 10000] [--rate 20] [--hosts 4] [--reuse-db]` (bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "bench" / "links"
DB = VAR / "links.sqlite3"
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


class Handler(BaseHTTPRequestHandler):
    """200 for everything but paths holding "/missing/" (404); counts requests per port with their times."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self):
        stats = self.server.stats
        with stats["lock"]:
            now = time.monotonic()
            stats["count"] += 1
            stats["first"] = stats["first"] or now
            stats["last"] = now
        code = 404 if "/missing/" in self.path else 200
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer


def start_servers(ports: list[int]) -> dict[int, ThreadingHTTPServer]:
    servers = {}
    for port in ports:
        server = ThreadingHTTPServer((HOST, port), Handler)
        server.daemon_threads = True
        server.stats = {"lock": threading.Lock(), "count": 0, "first": 0.0, "last": 0.0}
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[port] = server
    return servers


def reset(servers) -> None:
    for server in servers.values():
        server.stats.update(count=0, first=0.0, last=0.0)


def environment(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="govcms.settings.dev",
        DATABASE_URL=f"sqlite:///{DB}",
        MEDIA_ROOT=str(RESULTS / "links-media"),
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env, *args: str) -> None:
    log("manage.py " + " ".join(args))
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10000, help="generated pages with links (load_demo --scale)")
    parser.add_argument("--rate", type=float, default=20.0, help="per-host rate limit, requests a second")
    parser.add_argument("--hosts", type=int, default=4, help="hosts the generated links point at (one local port each)")
    parser.add_argument("--port", type=int, default=8401, help="first local port")
    parser.add_argument("--links", type=int, default=2, help="links per generated page")
    parser.add_argument("--reuse-db", action="store_true", help="keep bench/links/links.sqlite3 from an earlier run")
    args = parser.parse_args()

    env = environment(args)
    if not args.reuse_db and DB.exists():
        for path in VAR.glob("links.sqlite3*"):
            path.unlink()
    started = time.monotonic()
    manage(env, "migrate", "-v0")
    manage(env, "load_demo")
    log(f"demo database built in {time.monotonic() - started:.0f} s")

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    ports = [args.port + i for i in range(args.hosts)]
    servers = start_servers(ports)
    try:
        lines = [run_check("demo site", servers, ports, args)]
        scale(env, args)
        add_links(args, ports)
        lines.append(run_check(f"demo + {args.scale} generated pages", servers, ports, args))
    finally:
        for server in servers.values():
            server.shutdown()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"links-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    out.write_text("\n".join(lines) + "\n")
    log(f"written to {out}")


def scale(env, args) -> None:
    started = time.monotonic()
    manage(env, "load_demo", "--scale", str(args.scale))
    log(f"scaled in {time.monotonic() - started:.0f} s")


def add_links(args, ports: list[int]) -> None:
    """Give each generated item `--links` external links, spread over the hosts; one in 50 answers 404."""
    from cms.disclosure.models import DisclosureItemPage
    from fixtures.scale import PREFIX

    items = list(DisclosureItemPage.objects.filter(slug__startswith=PREFIX).only("id", "body", "slug"))
    changed = []
    for n, item in enumerate(items):
        if "bench-link" in (item.body or ""):
            continue
        links = []
        for k in range(args.links):
            host = f"host{(n + k) % len(ports)}.bench.test"
            path = f"/missing/{n}-{k}" if (n * args.links + k) % 50 == 0 else f"/doc/{n}-{k}"
            links.append(f'<a class="bench-link" href="http://{host}{path}">参考资料{k + 1}</a>')
        item.body = (item.body or "") + "<p>" + " ".join(links) + "</p>"
        changed.append(item)
    DisclosureItemPage.objects.bulk_update(changed, ["body"], batch_size=1000)
    log(f"{len(changed)} generated pages given {args.links} links each")


def local_prober(ports: list[int], rate: float):
    """The link check's own prober, with every host mapped to a local port: host<i>.bench.test → port i, and
    any other host (the demo's example.org addresses) → the first port. Only 127.0.0.1 is ever contacted."""
    from govcms.links.probe import Prober

    def local(url: str) -> str:
        parts = urlsplit(url)
        name = parts.hostname or ""
        index = int(name[4:].split(".")[0]) if name.startswith("host") and name.endswith(".bench.test") else 0
        return f"http://{HOST}:{ports[index]}/{name}{parts.path or '/'}"

    class LocalProber(Prober):
        def _attempt(self, url, session, pacer, sent):
            outcome = super()._attempt(local(url), session, pacer, sent)
            outcome.url = url
            return outcome

    return LocalProber(allowed_hosts={f"{HOST}:{p}" for p in ports}, per_host_rate=rate, retries=0), local


def run_check(label: str, servers, ports, args) -> str:
    from oversight.health import linkcheck
    from oversight.health.models import LinkTarget

    reset(servers)
    prober, local = local_prober(ports, args.rate)
    timings = {}

    def log_stage(line: str) -> None:
        timings.setdefault("read", time.monotonic() - started) if "pages read" in line else None
        log(line)

    started = time.monotonic()
    run = linkcheck.run(mail=False, prober=prober, log=log_stage)
    total = time.monotonic() - started
    read = timings.get("read", 0.0)
    per_host = []
    for port, server in servers.items():
        s = server.stats
        if s["count"]:
            span = max(s["last"] - s["first"], 1e-6)
            per_host.append(f"{port}: {s['count']} req, {(s['count'] - 1) / span:.1f} req/s")
    external = list(LinkTarget.objects.filter(kind="external").values_list("url", flat=True))
    baseline = flat_out(external, local)
    line = (
        f"{label}: {run.pages} pages read in {read:.1f} s ({run.pages / max(read, 1e-6):.0f} pages/s); "
        f"{run.addresses} addresses ({len(external)} external), {run.requests} requests, {run.broken} broken; "
        f"whole check {total:.1f} s; per host (limit {args.rate:g}/s): {'; '.join(per_host) or 'none'}; "
        f"baseline, the same external addresses flat out: {baseline}"
    )
    log(line)
    return line


def flat_out(urls: list[str], local) -> str:
    import requests

    if not urls:
        return "no external addresses"
    by_host = defaultdict(list)
    for url in urls:
        by_host[urlsplit(local(url)).port].append(local(url))

    def fetch(host_urls):
        with requests.Session() as session:
            for url in host_urls:
                session.head(url, timeout=5).close()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(by_host)) as pool:
        list(pool.map(fetch, by_host.values()))
    elapsed = time.monotonic() - started
    return f"{len(urls)} requests in {elapsed:.1f} s ({len(urls) / elapsed / len(by_host):.0f} req/s per host)"


if __name__ == "__main__":
    main()

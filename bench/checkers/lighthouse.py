"""Lighthouse on the same pages of a running site, mobile and desktop: a table of the scores per page and the ids of
the failing audits, and a JSON copy under bench/results/ (bench/checkers/README.md; `compare` prints two runs side by
side).

    .venv/bin/python bench/checkers/lighthouse.py run --base-url http://127.0.0.1:8702 --label after
    .venv/bin/python bench/checkers/lighthouse.py run --base-url http://127.0.0.1:8701 --label before \
        --pages-from bench/results/lighthouse-after-….json
    .venv/bin/python bench/checkers/lighthouse.py compare bench/results/lighthouse-before-….json \
        bench/results/lighthouse-after-….json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parents[2]
NODE = Path(__file__).resolve().parent / "node"  # package.json pins Lighthouse; node_modules is not committed
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
FORMS = ["mobile", "desktop"]
SEARCH_QUERY = "公务用车"

# The pages measured, by name: a fixed path, or the first live page of a type found through the site's API
# (/api/v2/pages/?type=…), plus a sub-path. A type the site does not have is left out (and said so).
PAGES: list[tuple[str, str, str]] = [
    ("home", "path", "/"),
    ("catalogue", "path", "/xxgk/"),
    ("catalogue item", "type", "disclosure.DisclosureItemPage"),
    ("policy", "type", "policy.PolicyPage"),
    ("search", "path", "/search/?" + urlencode({"q": SEARCH_QUERY})),
    ("mailbox form", "type", "letters.MailboxPage write/"),
    ("互动统计", "type", "interaction.InteractionStatisticsPage"),
    ("press conference", "type", "press.PressConferencePage"),
    ("annual report", "type", "disclosure.AnnualReportPage"),
    ("service guide", "type", "services.ServiceGuidePage"),
]


def log(message: str) -> None:
    print(f"[lighthouse] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def fetch_json(url: str) -> dict:
    with urlopen(Request(url, headers={"Accept": "application/json"}), timeout=60) as response:
        return json.load(response)


def find_pages(base_url: str) -> dict[str, str]:
    """Each page's path on the site at base_url (the API's html_url may name another host: only its path is kept)."""
    found: dict[str, str] = {}
    for name, how, what in PAGES:
        if how == "path":
            found[name] = what
            continue
        page_type, _, tail = what.partition(" ")
        try:  # the type filter takes subclasses too (a policy is a catalogue item): the first of the type itself
            listing = fetch_json(f"{base_url}/api/v2/pages/?type={page_type}&limit=100&order=id")
        except OSError as error:
            log(f"{name}: no pages of type {page_type} ({error}), left out")
            continue
        exact = [item for item in listing.get("items", []) if item["meta"]["type"] == page_type]
        if not exact:
            log(f"{name}: no live page of type {page_type}, left out")
            continue
        found[name] = urlsplit(exact[0]["meta"]["html_url"]).path + tail
    return found


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("npm is needed to install Lighthouse (Debian: apt-get install npm)")
    log(f"installing Lighthouse into {NODE} (npm ci)")
    subprocess.run(["npm", "ci", "--prefix", str(NODE), "--no-audit", "--no-fund"], check=True)


def status(url: str) -> int:
    try:
        with urlopen(url, timeout=60) as response:
            return response.status
    except HTTPError as error:
        return error.code


def run_lighthouse(url: str, form: str, report_path: Path) -> dict:
    """One Lighthouse run; the full JSON report is kept at report_path. A page that does not answer 200 is not
    measured (Lighthouse would score the error page)."""
    if (code := status(url)) != 200:
        raise RuntimeError(f"{url} answers {code}")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
        "--max-wait-for-load=60000",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0 or not report_path.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({form}): {(result.stderr or result.stdout)[-2000:]}")
    return json.loads(report_path.read_text())


def summarise(report: dict) -> dict:
    """Scores 0–100 per category and, per category, the audits that fail (score below Lighthouse's pass mark 0.9,
    informative, manual and not-applicable audits aside)."""
    audits = report["audits"]
    summary: dict = {"scores": {}, "failing": {}, "warnings": report.get("runWarnings", [])}
    for key in CATEGORIES:
        category = report["categories"].get(key)
        if category is None:
            continue
        score = category.get("score")
        summary["scores"][key] = None if score is None else round(score * 100)
        failing = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings"):
                continue
            if audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(ref["id"])
        summary["failing"][key] = failing
    return summary


def print_table(run: dict) -> None:
    head = ["page", "form", "a11y", "best-pr.", "seo", "perf", "failing audits (a11y, best practices, seo)"]
    print(" | ".join(head))
    for row in run["results"]:
        scores = row.get("scores", {})
        failing = [audit for key in CATEGORIES[:3] for audit in row.get("failing", {}).get(key, [])]
        cells = [row["page"], row["form"]] + [str(scores.get(key, "—")) for key in CATEGORIES]
        cells.append(", ".join(failing) or ("error: " + row["error"][:80] if row.get("error") else "—"))
        print(" | ".join(cells))
    print()
    print("failing performance audits:")
    for row in run["results"]:
        perf = row.get("failing", {}).get("performance", [])
        print(f"  {row['page']} ({row['form']}): {', '.join(perf) or '—'}")


def command_run(args: argparse.Namespace) -> None:
    base_url = args.base_url.rstrip("/")
    ensure_lighthouse()
    if args.pages_from:
        pages = json.loads(Path(args.pages_from).read_text())["pages"]
        for name, path in find_pages(base_url).items():  # pages the other run did not have (a newer page type)
            pages.setdefault(name, path)
    else:
        pages = find_pages(base_url)
    if args.page:
        pages = {name: path for name, path in pages.items() if name in args.page}
    stamp = time.strftime("%Y%m%dT%H%M%S")
    reports = RESULTS / f"lighthouse-{args.label}-{stamp}"
    reports.mkdir(parents=True, exist_ok=True)
    run = {
        "label": args.label,
        "base_url": base_url,
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "lighthouse": json.loads((NODE / "node_modules" / "lighthouse" / "package.json").read_text())["version"],
        "load_before": load_average(),
        "pages": pages,
        "results": [],
    }
    forms = args.forms.split(",")
    total = len(pages) * len(forms)
    done = 0
    for name, path in pages.items():
        for form in forms:  # one page at a time: the machine is shared, and Lighthouse times what it loads
            done += 1
            started = time.monotonic()
            report_path = reports / f"{quote(name, safe='')}-{form}.json"
            row: dict = {"page": name, "path": path, "form": form, "load": load_average()}
            try:
                row.update(summarise(run_lighthouse(base_url + path, form, report_path)))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                row["error"] = str(error)
            run["results"].append(row)
            scores = " ".join(f"{k}={v}" for k, v in row.get("scores", {}).items()) or row.get("error", "")[:200]
            log(f"{done}/{total} {name} ({form}) {path} in {time.monotonic() - started:.0f}s: {scores}")
    run["load_after"] = load_average()
    out = RESULTS / f"lighthouse-{args.label}-{stamp}.json"
    out.write_text(json.dumps(run, ensure_ascii=False, indent=2))
    print(
        f"Lighthouse {run['lighthouse']} on {base_url} ({args.label}), {run['started']}, "
        f"load average {run['load_before']} → {run['load_after']}"
    )
    print_table(run)
    print(f"\nJSON: {out}\nfull reports: {reports}/")
    if any(row.get("error") for row in run["results"]):
        sys.exit(1)


def command_compare(args: argparse.Namespace) -> None:
    """Two runs side by side, page by page: each category's score before → after, and the failing audits of each."""
    before, after = (json.loads(Path(p).read_text()) for p in (args.before, args.after))
    index = {(r["page"], r["form"]): r for r in before["results"]}
    print(f"before: {before['base_url']} {before['started']} load {before['load_before']} → {before['load_after']}")
    print(f"after:  {after['base_url']} {after['started']} load {after['load_before']} → {after['load_after']}\n")
    print("| page | form | accessibility | best practices | SEO | performance | failing before | failing after |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
    for row in after["results"]:
        old = index.get((row["page"], row["form"]), {})
        cells = [row["page"], row["form"]]
        for key in CATEGORIES:
            was, now = old.get("scores", {}).get(key, "—"), row.get("scores", {}).get(key, "—")
            cells.append(f"{was} → {now}")
        for side in (old, row):
            failing = [a for key in CATEGORIES[:3] for a in side.get("failing", {}).get(key, [])]
            cells.append(", ".join(failing) or ("—" if side else "(no such page)"))
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run Lighthouse on the pages of a running site")
    run.add_argument("--base-url", default="http://127.0.0.1:8000")
    run.add_argument("--label", default="site", help="names the JSON file (before, after …)")
    run.add_argument("--forms", default=",".join(FORMS), help="mobile,desktop")
    run.add_argument("--pages-from", help="a JSON of an earlier run: measure the same paths")
    run.add_argument("--page", action="append", help="only this page (by name, repeatable), e.g. --page search")
    run.set_defaults(func=command_run)
    compare = sub.add_parser("compare", help="two runs' JSON side by side (a Markdown table)")
    compare.add_argument("before")
    compare.add_argument("after")
    compare.set_defaults(func=command_compare)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()

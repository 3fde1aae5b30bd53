"""The feeds of a running site in Debian's newsboat (a real feed reader): for each feed, the entries served, the
entries newsboat read, its errors, the titles it kept as served, the entries whose link it took for something other
than the page (an attachment given as a second `alternate`), the Atom entries with more than one `alternate` link,
and the enclosures served (an entry naming one twice counted) and kept (bench/checkers/README.md).

    .venv/bin/python bench/checkers/newsboat.py --base-url http://127.0.0.1:8702 --label after
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/rss/section/xxgk/zcwj/",
    "/feeds/atom/section/xxgk/zcwj/",
    "/feeds/rss/section/xwfbh/",
    "/feeds/atom/section/xwfbh/",
]
CONFIG = "reload-threads 1\ndownload-retries 1\ndownload-timeout 60\nmax-items 0\ncleanup-on-quit no\n"


def served(url: str) -> list[dict]:
    """The entries of the feed document as served: title, page link, alternate links and enclosures."""
    with urlopen(url, timeout=60) as response:
        root = etree.fromstring(response.read())
    entries = []
    for item in root.iter("item"):  # RSS 2.0
        entries.append(
            {
                "title": item.findtext("title") or "",
                "link": item.findtext("link") or "",
                "alternates": 1,
                "enclosures": [e.get("url") for e in item.findall("enclosure")],
            }
        )
    for entry in root.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        html = [link for link in alternates if link.get("type", "text/html") == "text/html"]
        entries.append(
            {
                "title": entry.findtext(f"{ATOM}title") or "",
                "link": (html or alternates or [{}])[0].get("href", ""),
                "alternates": len(alternates),
                "enclosures": [link.get("href") for link in links if link.get("rel") == "enclosure"],
            }
        )
    return entries


def read_with_newsboat(url: str, folder: Path) -> dict:
    """newsboat -x reload print-unread on one feed, with its own config, cache, log and HOME."""
    (folder / "urls").write_text(url + "\n", encoding="utf-8")
    (folder / "config").write_text(CONFIG + f'error-log "{folder / "errors.log"}"\n', encoding="utf-8")
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_DATA_HOME": str(folder)}
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    command = ["newsboat", "-u", "urls", "-c", "cache.db", "-C", "config", "-l", "3", "-d", "newsboat.log"]
    result = subprocess.run(
        [*command, "-x", "reload", "print-unread"], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )
    log = "".join((folder / n).read_text(encoding="utf-8") for n in ("newsboat.log", "errors.log") if (folder / n).exists())
    with sqlite3.connect(folder / "cache.db") as db:
        items = db.execute("SELECT title, url, enclosure_url FROM rss_item WHERE deleted = 0").fetchall()
    errors = [line for line in log.splitlines() if "ERROR" in line]
    if result.returncode != 0:
        errors.append(f"exit status {result.returncode}: {result.stderr.strip()}")
    return {"announced": result.stdout.strip(), "errors": errors, "items": items}


def measure(base_url: str, path: str) -> dict:
    url = base_url + path
    try:
        entries = served(url)
    except OSError as error:
        return {"feed": path, "error": str(error)}
    with tempfile.TemporaryDirectory(prefix="newsboat-") as folder:
        read = read_with_newsboat(url, Path(folder))
    by_title = {title: (link, enclosure) for title, link, enclosure in read["items"]}
    return {
        "feed": path,
        "served": len(entries),
        "read": len(read["items"]),
        "announced": read["announced"],
        "errors": read["errors"],
        "titles_changed": sum(1 for e in entries if e["title"] not in by_title),
        "link_not_the_page": sum(1 for e in entries if e["title"] in by_title and by_title[e["title"]][0] != e["link"]),
        "several_alternates": sum(1 for e in entries if e["alternates"] > 1),
        "with_enclosure_served": sum(1 for e in entries if e["enclosures"]),
        "enclosures_served": sum(len(e["enclosures"]) for e in entries),
        "enclosure_repeated": sum(1 for e in entries if len(set(e["enclosures"])) < len(e["enclosures"])),
        "enclosures_kept": sum(1 for _link, enclosure in by_title.values() if enclosure),
    }


COLUMNS = [
    ("feed", "feed"),
    ("served", "entries"),
    ("read", "read"),
    ("errors", "errors"),
    ("titles_changed", "titles changed"),
    ("link_not_the_page", "link ≠ page"),
    ("several_alternates", "> 1 alternate"),
    ("with_enclosure_served", "with attachment"),
    ("enclosures_served", "enclosures"),
    ("enclosure_repeated", "enclosure repeated"),
    ("enclosures_kept", "kept by newsboat"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--label", default="site")
    parser.add_argument("--feed", action="append", help="a feed path (repeatable); default: the site, policies, press")
    args = parser.parse_args()
    if not shutil.which("newsboat"):
        sys.exit("newsboat is not installed (Debian: apt-get install newsboat)")
    base_url = args.base_url.rstrip("/")
    rows = [measure(base_url, path) for path in args.feed or FEEDS]
    print(f"newsboat on {base_url} ({args.label}), {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print("| " + " | ".join(title for _key, title in COLUMNS) + " |")
    print("|" + " --- |" * len(COLUMNS))
    for row in rows:
        if "error" in row:
            print(f"| {row['feed']} | {row['error']} |")
            continue
        cells = [str(len(row[key]) if key == "errors" else row[key]) for key, _title in COLUMNS]
        print("| " + " | ".join(cells) + " |")
    for row in rows:
        for line in row.get("errors", []):
            print(f"{row['feed']}: {line}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"newsboat-{args.label}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"base_url": base_url, "rows": rows}, ensure_ascii=False, indent=2))
    print(f"JSON: {out}")


if __name__ == "__main__":
    main()

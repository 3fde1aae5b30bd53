"""Search quality on the demo site: success@1, MRR@10 and nDCG@10 per kind of query, over a judged query set.

Run from the project root after building the demo (`manage.py migrate && manage.py load_demo && manage.py search_queue`):
`.venv/bin/python bench/relevance/run.py [--judged bench/relevance/judged.json] [--show]`. Every query goes through
the public JSON search API (/api/search/) as a visitor's browser would send it, so what is measured is what the
site answers: the item an exact number opens, then the ranked results. Judgements are by URL, graded 2 (the page
meant) and 1 (a page worth finding).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.dev")

K = 10


def ranked_urls(client, query: str) -> list[str]:
    response = client.get("/api/search/", {"q": query, "per_page": K}, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise SystemExit(f"/api/search/ answered {response.status_code} for {query!r}")
    body = response.json()
    urls = [body["exact_match"]] if body.get("exact_match") else []
    urls += [r["url"] for r in body.get("results", []) if r["url"] not in urls]
    return urls[:K]


def scores(urls: list[str], grades: dict[str, int]) -> dict[str, float]:
    """success@1: the first result is judged relevant; MRR@10: 1/rank of the first relevant one; nDCG@10 on grades."""
    first = next((i for i, u in enumerate(urls) if grades.get(u, 0) > 0), None)
    dcg = sum((2 ** grades.get(u, 0) - 1) / math.log2(i + 2) for i, u in enumerate(urls))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return {
        "success@1": 1.0 if first == 0 else 0.0,
        "MRR@10": 1.0 / (first + 1) if first is not None else 0.0,
        "nDCG@10": dcg / idcg if idcg else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", default=str(ROOT / "bench" / "relevance" / "judged.json"))
    parser.add_argument("--show", action="store_true", help="print each query's first results and its figures")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "relevance.json"))
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if "127.0.0.1" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("127.0.0.1")
    judged = json.loads(Path(args.judged).read_text(encoding="utf-8"))
    client = Client()
    per_kind: dict[str, list[dict]] = defaultdict(list)
    started = time.perf_counter()
    for entry in judged:
        grades = {j["url"]: j["grade"] for j in entry["judgements"]}
        urls = ranked_urls(client, entry["query"])
        figures = scores(urls, grades)
        per_kind[entry["kind"]].append(figures)
        per_kind["all"].append(figures)
        if args.show:
            marks = "".join(str(grades.get(u, 0)) for u in urls) or "-"
            print(
                f"{entry['kind']:<13} {entry['query']:<28} s@1={figures['success@1']:.0f} "
                f"mrr={figures['MRR@10']:.2f} ndcg={figures['nDCG@10']:.2f} grades={marks}"
            )
    elapsed = time.perf_counter() - started

    table = {}
    print(f"\n{'kind':<14}{'queries':>8}{'success@1':>11}{'MRR@10':>9}{'nDCG@10':>9}")
    for kind in [*sorted(k for k in per_kind if k != "all"), "all"]:
        rows = per_kind[kind]
        mean = {m: sum(r[m] for r in rows) / len(rows) for m in ("success@1", "MRR@10", "nDCG@10")}
        table[kind] = {"queries": len(rows), **{m: round(v, 3) for m, v in mean.items()}}
        print(f"{kind:<14}{len(rows):>8}{mean['success@1']:>11.3f}{mean['MRR@10']:>9.3f}{mean['nDCG@10']:>9.3f}")
    print(f"\n{len(judged)} queries in {elapsed:.1f} s")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

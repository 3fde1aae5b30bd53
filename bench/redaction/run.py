"""Redaction benchmark: the letters of tests/interaction/privacy/letters_set.jsonl through redact_letter's method, with
the bureau's published contacts of letters_site.json; prints per kind the personal items, how many were hidden and
the share, then the share of public items kept, and (with --misses) each item got wrong.

Run from the project root: `.venv/bin/python bench/redaction/run.py [--set FILE] [--site FILE] [--misses]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "interaction" / "privacy" / "letters_set.jsonl"
SITE = ROOT / "tests" / "interaction" / "privacy" / "letters_site.json"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.dev")
django.setup()

from interaction.privacy.management.commands.redact_letter import TEXT_KEYS, published  # noqa: E402 (after setup)
from interaction.privacy.public import contacts_from  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--misses", action="store_true", help="print every personal item left and public item lost")
    args = parser.parse_args()
    site = json.loads(args.site.read_text(encoding="utf-8"))
    public = contacts_from([site["identity"]["phone"], site["contact_page"]], [site["identity"]["address"]])
    items, hidden, kept, public_items, misses = Counter(), Counter(), 0, 0, []
    for number, line in enumerate(args.set.read_text(encoding="utf-8").splitlines(), start=1):
        case = json.loads(line)
        out = published(case["letter"], public=public)
        text = "\n".join(out[key] for key in TEXT_KEYS)
        for kind, item in case["personal"]:
            items[kind] += 1
            if item in text:
                misses.append(f"letter {number}: {kind} {item!r} left")
            else:
                hidden[kind] += 1
        for item in case["public"]:
            public_items += 1
            if item in text:
                kept += 1
            else:
                misses.append(f"letter {number}: public {item!r} lost")
    print(f"{'kind':<12}{'items':>7}{'hidden':>8}{'share':>9}")
    for kind in sorted(items):
        print(f"{kind:<12}{items[kind]:>7}{hidden[kind]:>8}{hidden[kind] / items[kind]:>9.1%}")
    total = sum(items.values())
    print(f"{'all':<12}{total:>7}{sum(hidden.values()):>8}{sum(hidden.values()) / total:>9.1%}")
    print(f"public items kept: {kept}/{public_items} = {kept / public_items:.1%}")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()

"""Removes personal data from text that is about to be published: identity card numbers, mobile and
landline numbers, e-mail addresses, street addresses, and the names the caller knows (the writer's)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Order matters: identity numbers before phone numbers (an ID contains 11-digit runs).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "id_card",
        re.compile(
            r"(?<![0-9])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
            r"[0-9Xx]|[1-9]\d{14})(?![0-9Xx])"
        ),
    ),
    ("email", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")),
    ("mobile", re.compile(r"(?<![0-9])(?:\+?86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}(?![0-9])")),
    ("landline", re.compile(r"(?<![0-9])(?:\(?0\d{2,3}\)?[ \-]?)?[2-9]\d{6,7}(?![0-9])")),
    # A Chinese street address: an optional province/city/district prefix, then road/street/lane and
    # a number, with an optional building, unit and room.
    (
        "address",
        re.compile(
            r"(?:[\u4e00-\u9fa5]{2,7}(?:省|自治区|市|州|盟|区|县|旗|镇|乡|街道))*"
            r"[\u4e00-\u9fa5A-Za-z0-9]{1,12}(?:路|街|道|巷|胡同|弄|里|大道|小区|村)"
            r"[0-9０-９一二三四五六七八九十百甲乙\-]+(?:号|弄)"
            r"(?:[0-9０-９A-Za-z\-]+(?:号楼|栋|幢|座|单元|室|层|楼))*"
        ),
    ),
]


def placeholder() -> str:
    return _("[removed]")


def name_variants(name: str) -> list[str]:
    """The writer's name, and how letters address a person by surname (张先生, 张女士, 张同志)."""
    name = name.strip()
    if len(name) < 2:
        return [name] if name else []
    surname = name[0]
    return [name] + [surname + title for title in ("先生", "女士", "同志", "老师")]


@dataclass(frozen=True)
class Span:
    """One piece of personal data found in a text: its kind ("name", "id_card", "mobile" …) and where it stands."""

    kind: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


def find_spans(text: str, names: Iterable[str] = (), known: Iterable[str] = ()) -> list[Span]:
    """Every piece of personal data in `text`, in order, none overlapping. `names` are the writer's names the form
    gave; `known` other strings the visitor gave (phone, e-mail, address, ID number) that must not appear."""
    if not text:
        return []
    found: list[Span] = []
    taken = [False] * len(text)

    def add(kind: str, start: int, end: int) -> None:
        if end > start and not any(taken[start:end]):
            found.append(Span(kind, start, end))
            taken[start:end] = [True] * (end - start)

    literal = {v: "name" for n in names for v in name_variants(n or "")}
    literal.update({k.strip(): "known" for k in known if k and len(k.strip()) >= 3})
    for value in sorted(literal, key=len, reverse=True):
        for match in re.finditer(re.escape(value), text):
            add(literal[value], match.start(), match.end())
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            add(kind, match.start(), match.end())
    return sorted(found, key=lambda span: span.start)


def apply(text: str, spans: Iterable[Span]) -> str:
    """`text` with each span replaced by the placeholder."""
    mark, out, at = placeholder(), [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out += [text[at : span.start], mark]
        at = span.end
    return "".join(out) + text[at:]


def redact(text: str, names: Iterable[str] = (), known: Iterable[str] = ()) -> str:
    """Text with every piece of personal data replaced by a placeholder."""
    if not text:
        return text
    return apply(text, find_spans(text, names, known))


def find_personal_data(text: str, names: Iterable[str] = ()) -> list[str]:
    """The pieces of personal data redact() would remove, for tests and for warning an editor."""
    return [span.text_in(text) for span in find_spans(text, names)]

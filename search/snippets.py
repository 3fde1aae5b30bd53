"""Highlighted snippets: a window of plain text around the first match, HTML-escaped, with the matches in <mark>."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def mark(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, with every occurrence of a term wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(texts: list[str], terms: list[str], width: int = 120) -> SafeString:
    """From the first text holding a term, about `width` characters around the first match; else the start of the first text."""
    pattern = _pattern(terms)
    texts = [t for t in texts if t]
    if not texts:
        return mark_safe("")
    for text in texts:
        m = pattern.search(text) if pattern else None
        if m:
            start = max(0, m.start() - width // 3)
            end = min(len(text), start + width)
            piece = text[start:end]
            return mark_safe(("…" if start else "") + mark(piece, terms) + ("…" if end < len(text) else ""))
    text = texts[0]
    return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))

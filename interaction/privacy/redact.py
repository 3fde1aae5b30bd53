"""Removes personal data from text that is about to be published: the writer's names in every form, third parties'
names, identity and bank card numbers, phone numbers, QQ and WeChat IDs, e-mail, home addresses, licence plates,
dates of birth, a work unit with a position, and whatever else the visitor gave; the bureau's public contacts stay."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from interaction.privacy.names import name_variants, third_party_names, writer_spans
from interaction.privacy.normalise import digits, fold
from interaction.privacy.patterns import address_pieces, patterned
from interaction.privacy.public import PublicContacts, protected, public_contacts

__all__ = ["Span", "apply", "find_personal_data", "find_spans", "merge", "name_variants", "placeholder", "redact"]

# Kinds a public item may cut short instead of saving whole: a name or address that runs into a public one.
TRIMMABLE = frozenset({"address", "name"})


def placeholder() -> str:
    return _("[removed]")


@dataclass(frozen=True)
class Span:
    """One piece of personal data found in a text: its kind ("name", "id_card", "mobile" …) and where it stands."""

    kind: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


def _known_spans(folded: str, known: Iterable[str]) -> list[tuple[int, int]]:
    """Where the strings the visitor gave stand: numbers whatever their separators, text whatever its case, and an
    address's tail (北京东路41号3单元502室 of 南京市玄武区北京东路41号3单元502室)."""
    spans = []
    for value in known:
        value = fold((value or "").strip())
        if len(value) < 3:
            continue
        number = digits(value)
        if len(number) >= 5 and len(number) >= len(re.sub(r"[\s\-+().]", "", value)) - 1:
            number = re.sub(r"^(?:00)?86(?=1[3-9]\d{9}$)", "", number)
            pattern = r"(?<!\d)" + r"[ \-.]?".join(number) + r"(?!\d)"
            spans += [m.span() for m in re.finditer(pattern, folded)]
            continue
        for piece in address_pieces(value):
            spans += [m.span() for m in re.finditer(re.escape(piece), folded, re.IGNORECASE)]
    return spans


def find_spans(
    text: str, names: Iterable[str] = (), known: Iterable[str] = (), *, public: PublicContacts | None = None
) -> list[Span]:
    """Every piece of personal data in `text`, in order, none overlapping. `names` are the writer's names the form
    gave; `known` other strings the visitor gave (phone, e-mail, address, ID number) that must not appear. `public`
    is the allowlist of published contacts (by default the default Site's, see public.py)."""
    if not text:
        return []
    folded = fold(text)
    public = public_contacts() if public is None else public
    keep = [False] * len(text)
    for start, end in protected(folded, public):
        keep[start:end] = [True] * (end - start)
    # What the visitor gave always goes, public-looking or not; then the rest, outside public items.
    given = [("name", s, e) for s, e in writer_spans(folded, names)] + [("known", s, e) for s, e in _known_spans(folded, known)]
    found = [("name", s, e) for s, e in third_party_names(text)] + list(patterned(folded))
    candidates = list(given)
    for kind, start, end in found:
        if not any(keep[start:end]):
            candidates.append((kind, start, end))
        elif kind not in TRIMMABLE:
            # Dropped when public items make all of it (0731-82219000 12345); hidden whole when it is more (湘B·12345).
            if any(not keep[at] and text[at].isalnum() for at in range(start, end)):
                candidates.append((kind, start, end))
        else:
            at = start
            while at < end:
                while at < end and keep[at]:
                    at += 1
                stop = at
                while stop < end and not keep[stop]:
                    stop += 1
                if stop - at >= 2 and text[at:stop].strip("，。、 "):
                    candidates.append((kind, at, stop))
                at = stop
    return _merge(candidates)


def _merge(candidates: list[tuple[str, int, int]]) -> list[Span]:
    """Overlapping finds as one span (the union), with the kind of the longest."""
    merged: list[list] = []
    for kind, start, end in sorted(candidates, key=lambda c: (c[1], -(c[2] - c[1]))):
        if end <= start:
            continue
        if merged and start < merged[-1][2]:
            last = merged[-1]
            if end - start > last[2] - last[1]:
                last[0] = kind
            last[2] = max(last[2], end)
        else:
            merged.append([kind, start, end])
    return [Span(kind, start, end) for kind, start, end in merged]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted, overlapping ones joined (with the kind of the longest), as apply() needs them."""
    return _merge([(span.kind, span.start, span.end) for span in spans])


def apply(text: str, spans: Iterable[Span]) -> str:
    """`text` with each span replaced by the placeholder."""
    mark, out, at = placeholder(), [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out += [text[at : span.start], mark]
        at = span.end
    return "".join(out) + text[at:]


def redact(text: str, names: Iterable[str] = (), known: Iterable[str] = (), *, public: PublicContacts | None = None) -> str:
    """Text with every piece of personal data replaced by a placeholder."""
    if not text:
        return text
    return apply(text, find_spans(text, names, known, public=public))


def find_personal_data(text: str, names: Iterable[str] = (), *, public: PublicContacts | None = None) -> list[str]:
    """The pieces of personal data redact() would remove, for tests and for warning an editor."""
    return [span.text_in(text) for span in find_spans(text, names, public=public)]

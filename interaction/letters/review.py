"""The reviewer's preview of a letter's public text: every redaction with its kind, the reviewer's choices (restore a
span, hide more), and the confirmation that binds what is published to the exact texts the preview was made from."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interaction.privacy.public import public_contacts
from interaction.privacy.redact import Span, apply, find_spans, merge

FIELDS = ("title", "message", "reply")
FIELD_LABELS = {"title": _("Title"), "message": _("Letter"), "reply": _("Reply")}
KIND_LABELS = {
    "name": _("person's name"),
    "id_card": _("ID number"),
    "mobile": _("mobile number"),
    "landline": _("telephone number"),
    "email": _("e-mail address"),
    "address": _("address"),
    "bank_card": _("bank card number"),
    "phone": _("phone number"),
    "qq": _("QQ number"),
    "wechat": _("WeChat ID"),
    "plate": _("licence plate"),
    "birth_date": _("date of birth"),
    "work_unit": _("work unit and position"),
    "known": _("data the writer gave"),
    "extra": _("hidden by the reviewer"),
}
MIN_EXTRA = 2  # a shorter phrase to hide (one character) would blank out unrelated words


def kind_label(kind: str) -> str:
    """The reviewer's word for a kind of personal data; a kind without a word here (one the redaction learnt later)
    shows with its code."""
    if kind in KIND_LABELS:
        return str(KIND_LABELS[kind])
    return gettext("personal data (%(kind)s)") % {"kind": kind}


@dataclass(frozen=True)
class Source:
    """The texts a public page is made from, with the writer's names and the other strings they gave."""

    texts: dict[str, str]
    names: tuple[str, ...] = ()
    known: tuple[str, ...] = ()


def letter_source(letter, reply) -> Source:
    """A letter and its reply as the writer sent and the handler drafted them."""
    return Source(
        {"title": letter.subject, "message": letter.message, "reply": reply.text if reply else ""},
        names=tuple(n for n in [letter.writer_name] if n),
        known=tuple(k for k in (letter.phone, letter.email) if k),
    )


def page_source(page, letter=None) -> Source:
    """A published page's own text (for a page whose letter is gone or never was in this system)."""
    names = tuple(n for n in [getattr(letter, "writer_name", "")] if n)
    known = tuple(k for k in (getattr(letter, "phone", ""), getattr(letter, "email", "")) if k)
    return Source({"title": page.title, "message": page.message, "reply": page.reply}, names=names, known=known)


@dataclass(frozen=True)
class Decisions:
    """What the reviewer changed: the spans they restored (by key) and the phrases they added to hide."""

    restored: frozenset[str] = frozenset()
    extra: tuple[str, ...] = ()

    @classmethod
    def from_form(cls, keys: Iterable[str], hidden: Iterable[str], extra: str, may_restore: bool) -> Decisions:
        """From the preview form: every span key shown, the ones still checked, and the extra phrases (one a line).
        A reviewer who may not see personal data cannot restore a span (they never saw what it hides)."""
        restored = frozenset(set(keys) - set(hidden)) if may_restore else frozenset()
        phrases = []
        for line in (extra or "").splitlines():
            line = line.strip()
            if len(line) >= MIN_EXTRA and line not in phrases:
                phrases.append(line)
        return cls(restored, tuple(phrases))


def span_key(name: str, span: Span) -> str:
    return f"{name}:{span.start}:{span.end}"


@dataclass(frozen=True)
class Part:
    """A piece of a field's text in the preview: plain text, or a span with its kind and whether it stays hidden."""

    text: str
    kind: str = ""
    key: str = ""
    hidden: bool = False

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass
class FieldPreview:
    name: str
    label: str
    parts: list[Part]
    public: str
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Confirmation:
    """The reviewer's confirmation: the digest of the source texts and the public texts they saw and accepted."""

    source: str
    public: dict[str, str]
    kinds: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    def log_data(self) -> dict:
        """What the page's history keeps of the review: the kinds hidden, the text the reviewer chose to keep public
        (so the privacy scan does not raise it again) and the phrases they added; never the hidden text."""
        return {"kinds": list(self.kinds), "kept": list(self.kept), "extra_count": len(self.extra)}


class ConfirmationRefused(Exception):
    """The confirmation does not match the public text the decisions give now: it was not the text shown."""


class StaleReview(ConfirmationRefused):
    """The texts (or what the redaction finds in them) changed after the preview was made."""


def occurrences(text: str, phrases: Iterable[str]) -> list[Span]:
    return [Span("extra", m.start(), m.end()) for phrase in phrases for m in re.finditer(re.escape(phrase), text)]


def digest(label: str, payload) -> str:
    return salted_hmac(f"interaction.letters.review.{label}", json.dumps(payload, ensure_ascii=False)).hexdigest()


class Review:
    """The public text of one source under the reviewer's decisions, and the digests that confirm it."""

    def __init__(self, source: Source, decisions: Decisions | None = None, *, spans: dict[str, list[Span]] | None = None):
        self.source = source
        self.decisions = decisions or Decisions()
        if spans is None:
            public = public_contacts()  # read once for the three fields
            spans = {name: find_spans(source.texts[name], source.names, source.known, public=public) for name in FIELDS}
        self.spans = spans
        self._public: dict[str, str] | None = None
        self.source_digest = digest(
            "source",
            [
                [source.texts[name] for name in FIELDS],
                list(source.names),
                list(source.known),
                [[(s.kind, s.start, s.end) for s in self.spans[name]] for name in FIELDS],
            ],
        )

    def decide(self, decisions: Decisions) -> Review:
        """The same source under other decisions, without finding its personal data again."""
        return Review(self.source, decisions, spans=self.spans)

    def keys(self) -> list[str]:
        return [span_key(name, span) for name in FIELDS for span in self.spans[name]]

    def final_spans(self, name: str) -> list[Span]:
        text = self.source.texts[name]
        kept = [s for s in self.spans[name] if span_key(name, s) not in self.decisions.restored]
        return merge(kept + occurrences(text, self.decisions.extra))

    def public(self) -> dict[str, str]:
        if self._public is None:
            self._public = {name: apply(self.source.texts[name], self.final_spans(name)) for name in FIELDS}
        return self._public

    @property
    def reviewed_digest(self) -> str:
        public = self.public()
        return digest("public", [self.source_digest, [public[name] for name in FIELDS]])

    def fields(self) -> list[FieldPreview]:
        """Each field split into plain text and marked spans (the redaction's, then the reviewer's extra phrases that
        do not overlap them), with its public text."""
        public = self.public()
        previews = []
        for name in FIELDS:
            text = self.source.texts[name]
            found = self.spans[name]
            taken = [(s.start, s.end) for s in found]
            extra = [s for s in occurrences(text, self.decisions.extra) if not any(a < s.end and s.start < b for a, b in taken)]
            parts, at = [], 0
            for span in sorted(found + merge(extra), key=lambda s: s.start):
                if span.start < at:
                    continue
                parts.append(Part(text[at : span.start]))
                key = span_key(name, span) if span.kind != "extra" else ""
                hidden = span.kind == "extra" or key not in self.decisions.restored
                parts.append(Part(span.text_in(text), span.kind, key, hidden))
                at = span.end
            parts.append(Part(text[at:]))
            previews.append(FieldPreview(name, str(FIELD_LABELS[name]), [p for p in parts if p.text], public[name], found))
        return previews

    def kinds(self) -> tuple[str, ...]:
        return tuple(sorted({s.kind for name in FIELDS for s in self.final_spans(name)}))

    def kept(self) -> tuple[str, ...]:
        """The texts of the spans the reviewer restored, as they stand in the public text."""
        return tuple(
            sorted(
                {
                    s.text_in(self.source.texts[n])
                    for n in FIELDS
                    for s in self.spans[n]
                    if span_key(n, s) in self.decisions.restored
                }
            )
        )

    def confirm(self, source_digest: str, reviewed_digest: str) -> Confirmation:
        """The confirmation of this review, when the form's digests are those of these texts and this public text."""
        if not constant_time_compare(source_digest or "", self.source_digest):
            raise StaleReview
        if not constant_time_compare(reviewed_digest or "", self.reviewed_digest):
            raise ConfirmationRefused
        return Confirmation(self.source_digest, dict(self.public()), self.kinds(), self.kept(), self.decisions.extra)

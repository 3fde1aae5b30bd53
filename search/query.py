"""What a search asks for: the query text cut into words and token groups (with synonyms), filters, order and page.

Parsing is strict for the JSON API (a bad parameter is an error) and forgiving for the HTML page (it is dropped and noted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from search.kinds import types_of
from search.segment import query_tokens
from search.stopwords import is_filler
from search.synonyms import synonym_map

MAX_QUERY_CHARS = 100
MAX_WORDS = 8
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 10
MAX_PAGE = 500
FILTERS = ("section", "type", "organ", "topic", "year", "validity")
# Parameters that are not engine filters but narrow like one: `kind` (search/kinds.py) becomes a set of page types.
PARAMS = ("q", "sort", "page", "per_page", "format", "kind", "as_typed", *FILTERS)
SORTS = ("relevance", "date")
VALIDITIES = ("valid", "expired", "repealed")
_SAFE_VALUE = re.compile(r"^[\w.\-]{1,100}$", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadParameter(ValueError):
    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class Group:
    """Tokens that must match together, or any one alternative: [[公车], [公务用车]] matches either."""

    alternatives: list[list[str]]


@dataclass
class Word:
    """One word of the query, its tokens and synonym groups.

    A page must hold every required word (and, when no word is required, any one of them); pages holding every
    word rank first. Parsed words are not required (an engine asked directly finds pages holding any of them); the
    search app's answer (search/answer.py) splits words into their groups and requires all of them, or, relaxing,
    the most informative ones.
    """

    text: str
    tokens: list[str]
    groups: list[Group]
    required: bool = False

    @property
    def all_tokens(self) -> list[str]:
        return [t for g in self.groups for alt in g.alternatives for t in alt]


@dataclass
class SearchQuery:
    text: str = ""
    words: list[Word] = field(default_factory=list)
    filters: dict[str, object] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    truncated: bool = False
    kind: str = ""
    ignored: list[str] = field(default_factory=list)  # question and filler words left out of the words

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def highlight_terms(self) -> list[str]:
        """Strings to mark in snippets: the words themselves, their synonyms and their tokens, longest first."""
        terms = {w.text.lower() for w in self.words}
        for w in self.words:
            terms.update(t for t in w.all_tokens if len(t) > 1)
            terms.update("".join(alt) for g in w.groups for alt in g.alternatives)
        return sorted((t for t in terms if t), key=len, reverse=True)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def clean_text(raw: str) -> tuple[str, bool]:
    text = _CONTROL.sub(" ", raw or "")
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_CHARS
    return text[:MAX_QUERY_CHARS].strip(), truncated


def _word(text: str, synonyms: dict[str, list[str]], ignored: list[str] | None = None) -> Word | None:
    lowered = text.lower()
    tokens = query_tokens(lowered)
    fillers = [t for t in tokens if is_filler(t)]
    if fillers and len(fillers) < len(tokens):
        # Question and filler words are cut out (怎么申请信息公开 → 申请信息公开); a word of nothing else keeps them.
        lowered = "".join(t for t in tokens if not is_filler(t))
        if ignored is not None:
            ignored += [f for f in fillers if f not in ignored]
    groups: list[Group] = []
    # Split the word around the synonym terms it contains (longest first), then cut what is left into tokens.
    pieces: list[tuple[str, bool]] = [(lowered, False)]
    for term in sorted(synonyms, key=len, reverse=True):
        next_pieces: list[tuple[str, bool]] = []
        for piece, is_term in pieces:
            if is_term or term not in piece:
                next_pieces.append((piece, is_term))
                continue
            parts = piece.split(term)
            for i, part in enumerate(parts):
                if part:
                    next_pieces.append((part, False))
                if i < len(parts) - 1:
                    next_pieces.append((term, True))
        pieces = next_pieces
    for piece, is_term in pieces:
        if is_term:
            alternatives = [query_tokens(piece)] + [query_tokens(s) for s in synonyms[piece]]
            alternatives = [a for a in alternatives if a]
            if alternatives:
                groups.append(Group(alternatives))
            continue
        for token in query_tokens(piece):
            alternatives = [[token]] + [query_tokens(s) for s in synonyms.get(token, [])]
            groups.append(Group([a for a in alternatives if a]))
    tokens = query_tokens(lowered)
    if not groups or not tokens:
        return None
    return Word(text=text, tokens=tokens, groups=groups)


def parse_words(text: str, ignored: list[str] | None = None) -> list[Word]:
    synonyms = synonym_map()
    words: list[Word] = []
    for raw in text.split()[:MAX_WORDS]:
        word = _word(raw, synonyms, ignored)
        if word and word.tokens not in [w.tokens for w in words]:
            words.append(word)
    content = [w for w in words if not all(is_filler(t) for t in w.tokens)]
    if content and len(content) < len(words):  # a word of nothing but fillers, beside real ones (怎么 申请)
        if ignored is not None:
            ignored += [t for w in words if w not in content for t in w.tokens if t not in ignored]
        words = content
    return words


def _int(params, name: str, default: int, low: int, high: int, strict: bool) -> int:
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        if strict:
            raise BadParameter(name, f"{name} must be a whole number") from None
        return default
    if not low <= value <= high:
        if strict:
            raise BadParameter(name, f"{name} must be between {low} and {high}")
        return min(max(value, low), high)
    return value


def parse(params, *, strict: bool = False) -> tuple[SearchQuery, list[str]]:
    """A SearchQuery from request parameters, and notes on what was dropped (strict: raise BadParameter instead)."""
    notes: list[str] = []
    raw_q = params.get("q", "")
    if strict and len(raw_q) > 1000:
        raise BadParameter("q", "q is longer than 1000 characters")
    text, truncated = clean_text(raw_q)
    if truncated:
        notes.append(
            gettext("The search words were too long: only the first %(n)d characters were searched for.") % {"n": MAX_QUERY_CHARS}
        )
    ignored: list[str] = []
    query = SearchQuery(text=text, words=parse_words(text, ignored), truncated=truncated, ignored=ignored)

    sort = params.get("sort", "") or "relevance"
    if sort not in SORTS:
        if strict:
            raise BadParameter("sort", "sort must be relevance or date")
        notes.append(gettext("That order is not available: results are ordered by relevance."))
        sort = "relevance"
    query.sort = sort
    query.per_page = _int(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, strict)
    query.page = _int(params, "page", 1, 1, MAX_PAGE, strict)

    for name in FILTERS:
        value = (params.get(name, "") or "").strip()
        if not value:
            continue
        if name == "year":
            if value.isdigit() and 1900 <= int(value) <= 2200:
                query.filters["year"] = int(value)
                continue
        elif name == "validity":
            if value in VALIDITIES:
                query.filters[name] = value
                continue
        elif _SAFE_VALUE.match(value):
            query.filters[name] = value
            continue
        if strict:
            raise BadParameter(name, f"{name} has an invalid value")
        notes.append(gettext("A filter that was not valid has been left out."))
    kind = (params.get("kind", "") or "").strip()
    if kind:
        types = types_of(kind)
        if types and "type" not in query.filters:
            query.kind = kind
            query.filters["type"] = types
        elif strict:
            raise BadParameter("kind", "kind has an invalid value")
        elif not types:
            notes.append(gettext("A filter that was not valid has been left out."))
    if strict:
        unknown = set(params.keys()) - set(PARAMS)
        if unknown:
            raise BadParameter(sorted(unknown)[0], f"unknown parameter {sorted(unknown)[0]}")
    return query, notes

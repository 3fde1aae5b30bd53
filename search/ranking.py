"""Ranking people would agree with, the same on every engine: the engine's first results ordered again by what a
reader expects of a government site.

- a title that is the query, or holds it as a phrase, first (the query with a synonym in place of a word counts
  almost as much: for 公车, a title holding 公务用车 is a phrase match too, a little below one holding 公车 as typed,
  so that the authority of the page decides between them);
- then titles holding more of its words, each word weighed by how few pages hold it (a title naming the rare word of
  怎么联系机关事务管理局 beats one naming the organ every page names);
- authoritative pages (the rules and policy documents themselves, guides, service pages: search/kinds.py, and
  titles naming a rule: 办法, 规定, 条例 …) above notices, news and interpretations that mention them;
- pages in force above expired and repealed ones (still found, lower);
- recency as a mild tie-breaker; the engine's own order (bm25 with field weights) underneath all of it.
"""

from __future__ import annotations

import datetime
import re

from search.engines.base import Hit
from search.kinds import authority

DEPTH = 60  # how many of the engine's first results are ordered again
EXACT_TITLE = 5.0
TITLE_PHRASE = 3.0
TITLE_WORDS = 1.5  # times the share of the query's words the title holds (weighed by their weights)
OUT_OF_FORCE = -1.0
RECENCY = 0.4  # at most, for a page of today, down to nothing for one ten years old
ENGINE_ORDER = 1.0  # the engine's first result; halves by its sixth
RULE_TITLE = 0.5  # a title naming a rule (办法, 规定, 条例 …), as opposed to a notice about one
SYNONYM_PHRASE = 0.8  # a phrase match through a synonym, as a share of one with the words as typed
PHRASES = 16  # at most this many spellings of the query (its words' synonyms in their places) count as the phrase
_RULE = re.compile(r"(办法|规定|条例|细则|规则|制度|标准|意见|指南|规划)(（[^）]*）)?$")
_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’「」『』（）()【】\[\]，,。.、：:；;！!？?·]+")


def normalise(text: str) -> str:
    return _NOISE.sub("", text or "").lower()


def _score(hit: Hit, rank: int, phrases: list[str], words: list[list[str]], weights: list[float], today: datetime.date) -> float:
    title = normalise(hit.title)
    score = ENGINE_ORDER / (1 + rank / 5)
    typed, others = phrases[:1], phrases[1:]
    if title in typed:
        score += EXACT_TITLE
    elif title in others:
        score += EXACT_TITLE * SYNONYM_PHRASE
    elif any(len(phrase) >= 2 and phrase in title for phrase in typed):
        score += TITLE_PHRASE
    elif any(len(phrase) >= 2 and phrase in title for phrase in others):
        score += TITLE_PHRASE * SYNONYM_PHRASE
    if words and sum(weights) > 0:
        held = sum(w for alternatives, w in zip(words, weights, strict=True) if any(a and a in title for a in alternatives))
        score += TITLE_WORDS * held / sum(weights)
    score += authority(hit.page_type)
    if _RULE.search(hit.title.strip()):
        score += RULE_TITLE
    if hit.validity in ("expired", "repealed"):
        score += OUT_OF_FORCE
    if hit.date:
        age = max(0, (today - hit.date).days) / 365.25
        score += RECENCY * max(0.0, 1 - age / 10)
    return score


def phrases_of(words: list[list[str]], limit: int = PHRASES) -> list[str]:
    """The query's words run together, with each word's synonyms in its place (at most `limit`, the typed one first)."""
    out = [""]
    for alternatives in words:
        out = [p + a for p in out for a in dict.fromkeys(alternatives) if a][:limit] or out
    return out


def rerank(hits: list[Hit], phrase: str | list[str], words: list[list[str]], weights: list[float] | None = None) -> list[Hit]:
    """`hits` in the engine's order, ordered again. `phrase`: the query's words run together (fillers left out), or
    the phrases that count as the query, as typed first (phrases_of); `words`: for each word of the query, the
    strings (the word and its synonyms) a title may hold it as; `weights`: how informative each word is (default: all
    alike)."""
    phrases = [p for p in (normalise(p) for p in ([phrase] if isinstance(phrase, str) else phrase)) if p]
    words = [[normalise(a) for a in alternatives] for alternatives in words]
    weights = list(weights) if weights is not None else [1.0] * len(words)
    today = datetime.date.today()
    scored = [(_score(h, i, phrases, words, weights, today), -i, h) for i, h in enumerate(hits)]
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [h for _, _, h in scored]

"""您是不是要找: a query written the way the index writes it, from the index's own vocabulary (search/vocabulary.py).

- Chinese: the cheapest reading of each word as known words, where a stretch of characters may be replaced by a
  title word that sounds the same (pypinyin: 公物 → 公务, 条列 → 条例), nearly the same (zh/z, in/ing …: 指难 → 指南) or
  differs by one character; a word any page already holds is kept as typed.
- Pinyin: full pinyin cut into title words (`gongwuyongche` → 公务用车), or initials (`gwyc`).
- English: interface and common terms (search/english.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search import english
from search.vocabulary import Vocabulary, fuzzy, page_counts, syllables, vocabulary

MAX_SPAN = 8
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTERS = re.compile(r"^[a-z]+$")
# Costs of reading a stretch of the query (lower is better): the path with the lowest sum wins.
KNOWN_WORD = 0.1  # a word some page holds, as typed
KNOWN_CHAR = 0.6  # one character some page holds as a word of its own
UNKNOWN_CHAR = 1.5  # a character no page holds alone
SAME_SOUND = 0.5  # per changed character, to a title word with the same pinyin
NEAR_SOUND = 0.7  # per changed character, to a title word with nearly the same pinyin
ONE_CHANGED = 1.0  # one changed character (no matter the sound), for words of three characters or more


@dataclass
class Correction:
    text: str
    how: str  # "chinese", "pinyin", "initials", "english"


def _differs(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _closest(chunk: str, candidates: list[str]) -> str | None:
    same = [c for c in candidates if len(c) == len(chunk) and c != chunk]
    return min(same, key=lambda c: (_differs(c, chunk), 0), default=None)


def _chinese(word: str, vocab: Vocabulary, known: dict[str, int]) -> tuple[str, bool]:
    """The cheapest reading of a word; True when it changed something."""
    n = len(word)
    best: list[tuple[float, str, bool] | None] = [None] * (n + 1)
    best[0] = (0.0, "", False)
    for i in range(n):
        if best[i] is None:
            continue
        cost0, text0, changed0 = best[i]
        for j in range(i + 1, min(n, i + MAX_SPAN) + 1):
            chunk = word[i:j]
            options: list[tuple[float, str, bool]] = []
            if j == i + 1:
                if not _HAN.match(chunk):
                    options.append((0.0, chunk, False))
                else:
                    options.append((KNOWN_CHAR if known.get(chunk) else UNKNOWN_CHAR, chunk, False))
            elif _HAN.match(chunk) and all(_HAN.match(c) for c in chunk):
                if known.get(chunk) or chunk in vocab.terms:
                    options.append((KNOWN_WORD, chunk, False))
                else:
                    sy = syllables(chunk)
                    found = _closest(chunk, vocab.by_pinyin.get("".join(sy), []))
                    if found:
                        options.append((KNOWN_WORD + SAME_SOUND * _differs(found, chunk), found, True))
                    found = _closest(chunk, vocab.by_fuzzy.get("".join(fuzzy(s) for s in sy), []))
                    if found:
                        options.append((KNOWN_WORD + NEAR_SOUND * _differs(found, chunk), found, True))
                    if len(chunk) >= 3:
                        for k in range(len(chunk)):
                            found = _closest(chunk, vocab.by_pattern.get(chunk[:k] + "?" + chunk[k + 1 :], []))
                            if found:
                                options.append((KNOWN_WORD + ONE_CHANGED, found, True))
                                break
            for cost, text, changed in options:
                total = cost0 + cost
                if best[j] is None or total < best[j][0] - 1e-9:
                    best[j] = (total, text0 + text, changed0 or changed)
    _, text, changed = best[n]
    return text, changed


def _pinyin(word: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """Title words whose pinyin spells the whole of `word`, fewest words first; else a title word with these initials."""
    n = len(word)
    best: list[tuple[int, str] | None] = [None] * (n + 1)
    best[0] = (0, "")
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 2, min(n, i + 6 * MAX_SPAN) + 1):
            terms = vocab.by_pinyin.get(word[i:j])
            if terms:
                candidate = (best[i][0] + 1, best[i][1] + terms[0])
                if best[j] is None or candidate[0] < best[j][0]:
                    best[j] = candidate
    if best[n] is not None:
        return best[n][1], "pinyin"
    if 2 <= n <= MAX_SPAN and word in vocab.by_initials:
        return vocab.by_initials[word][0], "initials"
    return None


def correct(text: str) -> Correction | None:
    """The query as the index would spell it, or None when there is nothing to change."""
    text = " ".join(text.split())
    if not text:
        return None
    translated = english.translate(text)
    if translated:
        return Correction(translated, "english")
    vocab = vocabulary()
    words = text.split()
    chunks = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, min(len(w), i + MAX_SPAN) + 1)}
    known = {k: n for k, n in page_counts([c for c in chunks if _HAN.search(c)]).items() if n}
    out, how = [], None
    for word in words:
        lowered = word.lower()
        if _LETTERS.match(lowered):
            found = _pinyin(lowered, vocab)
            if found:
                out.append(found[0])
                how = how or found[1]
                continue
            out.append(word)
        elif _HAN.search(word):
            fixed, changed = _chinese(word, vocab, known)
            out.append(fixed)
            how = how or ("chinese" if changed else None)
        else:
            out.append(word)
    if how is None:
        return None
    corrected = " ".join(out)
    return Correction(corrected, how) if corrected != text else None

"""The index's own vocabulary, read from the embedded engine (which every site keeps, whatever engine answers):
how many pages hold a word, and the words of the titles with their pinyin, for relaxation and 您是不是要找.

The title words are loaded once per process, and built again in the background when the content has changed and the
copy is older than REFRESH_SECONDS (a suggestion a few minutes behind the index is harmless; reloading after every
publish, in a visitor's request, is not).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field

from django.db import connection
from pypinyin import Style, lazy_pinyin

from cms.core import changes
from search import engines
from search.synonyms import synonym_map

logger = logging.getLogger("sitesearch")
REFRESH_SECONDS = 300
MIN_TERM_CHARS = 2
MAX_TERM_CHARS = 8
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def syllables(text: str) -> list[str]:
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]


def fuzzy(syllable: str) -> str:
    """A syllable with the sounds people mix up folded together: zh/z, ch/c, sh/s, l/n, ang/an, eng/en, ing/in."""
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")):
        if syllable.startswith(a):
            syllable = b + syllable[len(a) :]
            break
    for a, b in (("ang", "an"), ("eng", "en"), ("ing", "in")):
        if syllable.endswith(a):
            return syllable[: -len(a)] + b
    return syllable


@dataclass
class Vocabulary:
    """Title words → pages; pinyin (full, fuzzy, initials) → title words; one-character-changed patterns → words."""

    terms: dict[str, int] = field(default_factory=dict)
    by_pinyin: dict[str, list[str]] = field(default_factory=dict)
    by_fuzzy: dict[str, list[str]] = field(default_factory=dict)
    by_initials: dict[str, list[str]] = field(default_factory=dict)
    by_pattern: dict[str, list[str]] = field(default_factory=dict)
    loaded_at: float = 0.0
    generation: int | None = None

    @classmethod
    def build(cls, counts: dict[str, int], extra: dict[str, int]) -> Vocabulary:
        vocab = cls()
        for term, n in [*counts.items(), *extra.items()]:
            if not _HAN.match(term) or not MIN_TERM_CHARS <= len(term) <= MAX_TERM_CHARS:
                continue
            vocab.terms[term] = max(n, vocab.terms.get(term, 0))
        for term in vocab.terms:
            sy = syllables(term)
            if len(sy) != len(term):
                continue
            vocab.by_pinyin.setdefault("".join(sy), []).append(term)
            vocab.by_fuzzy.setdefault("".join(fuzzy(s) for s in sy), []).append(term)
            vocab.by_initials.setdefault("".join(s[0] for s in sy), []).append(term)
            if len(term) >= 3:
                for i in range(len(term)):
                    vocab.by_pattern.setdefault(term[:i] + "?" + term[i + 1 :], []).append(term)
        rank = vocab.rank
        for index in (vocab.by_pinyin, vocab.by_fuzzy, vocab.by_initials, vocab.by_pattern):
            for terms in index.values():
                terms.sort(key=rank)
        return vocab

    def rank(self, term: str) -> tuple:
        """The order candidates are preferred in: found in more titles, then longer."""
        return (-self.terms.get(term, 0), -len(term), term)


_vocab: Vocabulary | None = None
_lock = threading.Lock()
_refreshing = threading.Event()


def _load(generation: int) -> Vocabulary:
    counts = engines.embedded().title_terms()
    extra = {}
    for term, words in synonym_map().items():
        for word in [term, *words]:
            extra[word] = max(extra.get(word, 0), 1)
    vocab = Vocabulary.build(counts, extra)
    vocab.loaded_at = time.monotonic()
    vocab.generation = generation
    return vocab


def _refresh_in_background(generation: int) -> None:
    """Build the new vocabulary beside the old one, which keeps answering until it is ready."""

    def work():
        global _vocab
        try:
            _vocab = _load(generation)
        except Exception as exc:  # the old vocabulary stays; the next stale read tries again
            logger.warning("search: the vocabulary could not be refreshed: %s", exc)
        finally:
            connection.close()
            _refreshing.clear()

    if not _refreshing.is_set():
        _refreshing.set()
        threading.Thread(target=work, name="search-vocabulary", daemon=True).start()


def vocabulary() -> Vocabulary:
    """This process's vocabulary of the titles (plus the synonym dictionary's words): loaded on first use, then
    refreshed in the background when the content has changed and the copy is older than REFRESH_SECONDS."""
    global _vocab
    generation = changes.current()
    current = _vocab
    if current is None:
        with _lock:
            if _vocab is None:
                _vocab = _load(generation)
            return _vocab
    if current.generation != generation and time.monotonic() - current.loaded_at > REFRESH_SECONDS:
        _refresh_in_background(generation)
    return current


def forget() -> None:
    """Drop this process's copy (tests, and after the synonym dictionary changes)."""
    global _vocab, _total
    _vocab = None
    _total = None


def page_counts(tokens, cap: int | None = None) -> dict[str, int]:
    """How many pages hold each token, anywhere in their text (counted up to `cap`; default: the engine's own cap)."""
    if cap is None:
        return engines.embedded().term_counts(tokens)
    return engines.embedded().term_counts(tokens, cap=cap)


_total: tuple[float, int] | None = None
TOTAL_SECONDS = 60  # how long a process keeps the number of pages before counting again


def page_total() -> int:
    """How many pages the index holds (counted again at most once a minute per process)."""
    global _total
    now = time.monotonic()
    if _total is None or now - _total[0] > TOTAL_SECONDS:
        _total = (now, engines.embedded().count())
    return _total[1]

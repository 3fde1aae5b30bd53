"""Chinese word segmentation with jieba, the same for every engine: search-mode tokens when indexing, precise when querying."""

from __future__ import annotations

import re
import threading

import jieba

_WORD = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()
_ready = False


def _ensure_ready() -> None:
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                _ready = True


def is_word(token: str) -> bool:
    """A token worth indexing or searching: it holds at least one letter, digit or CJK character."""
    return bool(_WORD.search(token)) and token != "_"


def index_tokens(text: str) -> str:
    """The text as space-separated search-mode tokens (words plus their dictionary sub-words), lower-cased.

    HMM new-word discovery is off on both sides so that a string is cut the same way wherever it appears.
    """
    if not text:
        return ""
    _ensure_ready()
    return " ".join(t for t in jieba.cut_for_search(text.lower(), HMM=False) if is_word(t))


def query_tokens(text: str) -> list[str]:
    """The distinct precise-mode tokens of one query word, in order, lower-cased."""
    _ensure_ready()
    seen: dict[str, None] = {}
    for token in jieba.cut(text.lower(), HMM=False):
        token = token.strip()
        if is_word(token):
            seen.setdefault(token, None)
    return list(seen)

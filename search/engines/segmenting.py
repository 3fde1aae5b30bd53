"""Cutting search documents into index tokens, in two worker processes for big batches (jieba is the slow part)."""

from __future__ import annotations

import atexit
import multiprocessing
import os

from search.documents import SearchDoc
from search.segment import index_tokens

PARALLEL_FROM = 1000  # below this many documents, forking costs more than it saves
_pool = None


def _fields(doc: SearchDoc) -> tuple[str, str, str, str, str]:
    return (doc.title, doc.summary, doc.meta, doc.body, doc.attachment_text)


def _cut(fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(index_tokens(f) for f in fields)


def _get_pool():
    global _pool
    if _pool is None:
        index_tokens("预热")  # load the dictionary once, before forking, so the workers share it
        _pool = multiprocessing.get_context("fork").Pool(max(1, min(4, os.cpu_count() or 1)))
        atexit.register(_close_pool)
    return _pool


def _close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.close()
        _pool.join()
        _pool = None


def segment_docs(docs: list[SearchDoc]) -> list[tuple[str, ...]]:
    """(title, summary, meta, body, attachments) tokens for each document, in order."""
    fields = [_fields(d) for d in docs]
    if len(fields) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_cut(f) for f in fields]
    return _get_pool().map(_cut, fields, chunksize=200)

"""Progress of long commands (load_demo, search_rebuild, search_queue, privacy_scan, backups, social_send): a tqdm
bar when the output is a terminal, and one line per stage when it is not (a CI or cron log gets no bar updates).

    for page in progress(pages, desc="demo pages", total=n, unit="page"):   # wraps an iterable
        ...
    with progress(desc="embedded", total=n, unit="page") as bar:            # or counts by hand
        bar.update(10)

Off a terminal the stage's line is written when it ends: ``demo pages: 402/402 page in 79.3s``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any

from tqdm import tqdm


def is_terminal(file: IO[str] | Any) -> bool:
    try:
        return bool(file.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class StageLine:
    """The non-terminal progress: counts like tqdm (iterate, update, close, context manager) and writes one line
    at the end of the stage."""

    def __init__(self, iterable: Iterable | None, desc: str, total: int | None, unit: str, file: IO[str]) -> None:
        self.iterable, self.desc, self.unit, self.file = iterable, desc, unit, file
        if total is None and iterable is not None and hasattr(iterable, "__len__"):
            total = len(iterable)
        self.total, self.n, self.closed = total, 0, False
        self.started = time.monotonic()

    def __iter__(self) -> Iterator:
        try:
            for item in self.iterable or ():
                yield item
                self.n += 1
        finally:
            self.close()

    def update(self, n: int = 1) -> None:
        self.n += n

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        count = f"{self.n}/{self.total}" if self.total is not None else str(self.n)
        self.file.write(f"{self.desc}: {count} {self.unit} in {time.monotonic() - self.started:.1f}s\n")
        if hasattr(self.file, "flush"):
            self.file.flush()

    def __enter__(self) -> StageLine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Silent(StageLine):
    def close(self) -> None:
        self.closed = True


def progress(
    iterable: Iterable | None = None,
    *,
    desc: str,
    total: int | None = None,
    unit: str = "item",
    file: IO[str] | Any = None,
    disable: bool = False,
) -> tqdm | StageLine:
    """A tqdm bar on a terminal, else a StageLine; `disable` shows nothing at all (the loop still runs)."""
    file = file if file is not None else sys.stderr
    if disable:
        return _Silent(iterable, desc, total, unit, file)
    if is_terminal(file):
        return tqdm(iterable, desc=desc, total=total, unit=unit, file=file, dynamic_ncols=True)
    return StageLine(iterable, desc, total, unit, file)

"""Constant-time matching of the contact a visitor types on a look-up against the ones given in the submission."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable


def contact_matches(given: str, known: Iterable[str], normalise: Callable[[str], str]) -> bool:
    """True if `given` equals one of the non-empty `known` values once both are normalised. Every known value is
    compared, each in constant time (on UTF-8 bytes: non-ASCII input is compared, not refused)."""
    typed = normalise(given or "").encode()
    if not typed:
        return False
    results = [hmac.compare_digest(typed, normalise(value).encode()) for value in known if value]
    return any(results)

"""Tracking codes a visitor reads aloud and types back: one alphabet (no 0/O, 1/I) and one generator."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """`length` characters of ALPHABET, drawn with the secrets module (codes must not be guessed)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """A code as typed back: upper case, letters and digits only (spaces and dashes dropped)."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())

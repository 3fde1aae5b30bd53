"""Tests of the security app: sanitising, headers, uploads, login throttling and attack input."""

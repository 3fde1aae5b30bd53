"""One intake for the public forms (letters, disclosure requests, error reports): honeypot, one-time token, limits."""

"""Oversight: the site watching its own compliance with the national rules (site health, link check). It reads
the content, the interaction records and the delivery state, so it sits above them and below the demo loader."""

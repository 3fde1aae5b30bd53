"""Polite HTTP checks of links (per-host rate limits, timeouts, retries, a proper User-Agent, no private addresses
unless they are the site itself), used by the site health link check and the pre-publication checks."""

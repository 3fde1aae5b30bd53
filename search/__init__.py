"""Site search: the /search/ page."""

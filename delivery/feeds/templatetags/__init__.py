"""Template tags of the feeds app."""

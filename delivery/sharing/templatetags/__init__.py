"""Template tags of the sharing app."""

"""Anonymous page cache: whole Wagtail page responses, invalidated by a shared content generation number."""

"""Anonymous page cache: whole Wagtail page responses, invalidated by the content generation (cms/core/changes.py)."""

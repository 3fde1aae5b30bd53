"""Shared parts of the content model: StreamField blocks, site settings, generic pages, Chinese dates."""

"""Content model of the site: one Django app per section, shared parts in cms.core."""

"""Connects the outbox drafting to Wagtail's page_published signal."""

from wagtail.signals import page_published

from .drafting import on_page_published

page_published.connect(on_page_published, dispatch_uid="social_draft_on_publish")

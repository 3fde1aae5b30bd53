"""Headless API: Wagtail API v2 with catalogue filters, OpenAPI description, CORS, caching, throttling, previews."""

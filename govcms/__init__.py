"""The govcms Django project: settings, URL routing and WSGI entry point.

Named govcms because a top-level package called `site` would shadow Python's own `site` module.
"""

"""网站健康 (site health): the national inspection rules checked by the site itself, in the admin dashboard, as
`manage.py site_health` and as a JSON endpoint for staff (`/health/status.json`), with a year of daily history.

Checks are pluggable through the Wagtail hook ``register_site_health_checks``. Each function registered under it
takes no argument and returns an iterable of *check callables*. A check callable takes the current datetime (aware)
and returns a result: a ``oversight.health.registry.Result`` or a dict with the same keys:

- ``rule``: a short stable id, e.g. ``"services.guide_elements"``;
- ``title``: the Chinese label shown to staff, e.g. ``"办事指南要素齐全"``;
- ``threshold``: the rule and its threshold as text, e.g. ``"每个办事指南含事项名称、设定依据……"``;
- ``status``: ``"pass"``, ``"warn"`` or ``"fail"``;
- ``veto``: True when a failure of this rule fails the whole site (单项否决);
- ``items``: what to fix, a list of ``{"title": ..., "url": ...}`` (at most a few hundred; the admin shows 20);
- ``fix_url``: where to fix it in the admin (a list, a report), or ``""``;
- optionally ``summary``: one line of figures (``"3 个栏目超过更新期限"``);
- optionally ``permission``: ``"app.codename"``; staff without it see the rule's status and figures but not its
  items and links (a monitor's token sees everything).

Example, in an app's ``wagtail_hooks.py``::

    from wagtail import hooks

    def guides_complete(now):
        missing = [...]  # service guides lacking a key element
        return {"rule": "services.guide_elements", "title": "办事指南要素齐全", "threshold": "…",
                "status": "fail" if missing else "pass", "veto": True,
                "items": [{"title": g.title, "url": edit_url(g)} for g in missing], "fix_url": "/admin/…"}

    @hooks.register("register_site_health_checks")
    def register_service_checks():
        return [guides_complete]

A check that raises is shown as failed with its error (never hiding the others). Checks run when a report is made:
by the command, by `site_health --record` from run_periodic (every HEALTH_RECORD_MINUTES), by the admin's
re-check, and by the dashboard or endpoint only when no report is kept."""

"""The health report: every check registered under the hook `register_site_health_checks`, run at one moment, with
the overall status (a failed veto rule fails the site), cached for the dashboard and endpoint, and kept per day."""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail import hooks

HOOK = "register_site_health_checks"
STATUSES = ("pass", "warn", "fail")
CACHE_KEY = "health:report"
KEEP_DAYS = 366
FIELDS = ("rule", "title", "threshold", "status", "veto", "items", "fix_url", "summary", "permission")

logger = logging.getLogger(__name__)
_run: contextvars.ContextVar[dict | None] = contextvars.ContextVar("site_health_run", default=None)


def shared(key: str, make):
    """`make()` once per report: rules that read the same survey (the columns, one pass over the pages) share it.
    Outside a report (a rule called alone) it is made every time."""
    store = _run.get()
    if store is None:
        return make()
    if key not in store:
        store[key] = make()
    return store[key]


@dataclass
class Result:
    """One rule's result (see the package docstring for the contract)."""

    rule: str
    title: str
    threshold: str
    status: str
    veto: bool = False
    items: list[dict[str, str]] = field(default_factory=list)
    fix_url: str = ""
    summary: str = ""
    permission: str = ""  # "app.codename": users without it see the status and figures, not the items and links

    @classmethod
    def coerce(cls, value: Any) -> Result:
        if isinstance(value, Result):
            result = value
        elif isinstance(value, dict):
            known = {k: value[k] for k in FIELDS if k in value}
            result = cls(**{"threshold": "", **known})
        else:
            raise TypeError(f"a site health check returned {type(value).__name__}, not a result")
        if result.status not in STATUSES:
            raise ValueError(f"a site health check returned the status {result.status!r}")
        result.items = [{"title": str(i.get("title", "")), "url": str(i.get("url", ""))} for i in result.items or []]
        result.veto = bool(result.veto)
        return result

    @property
    def veto_failed(self) -> bool:
        return self.veto and self.status == "fail"

    def for_user(self, user) -> Result:
        """This result as `user` may see it: without the rule's permission, no items and no links."""
        if not self.permission or user is None or user.has_perm(self.permission):
            return self
        return Result(self.rule, self.title, self.threshold, self.status, self.veto, [], "", self.summary, self.permission)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    checked_at: dt.datetime
    results: list[Result]

    @property
    def veto_failed(self) -> bool:
        return any(r.veto_failed for r in self.results)

    @property
    def status(self) -> str:
        if any(r.status == "fail" for r in self.results):
            return "fail"
        if any(r.status == "warn" for r in self.results):
            return "warn"
        return "pass"

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def for_user(self, user) -> Report:
        return Report(self.checked_at, [r.for_user(user) for r in self.results])

    def as_dict(self) -> dict:
        return {
            "checked_at": self.checked_at.isoformat(),
            "status": self.status,
            "veto_failed": self.veto_failed,
            "counts": {s: self.count(s) for s in STATUSES},
            "checks": [r.as_dict() for r in self.results],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        return cls(dt.datetime.fromisoformat(data["checked_at"]), [Result(**r) for r in data["checks"]])


def checks() -> list:
    """Every check callable registered under the hook, in hook order."""
    found = []
    for register in hooks.get_hooks(HOOK):
        found.extend(register())
    return found


def run(now: dt.datetime | None = None) -> Report:
    """Run every check at `now` (default: the current time)."""
    now = now or timezone.now()
    results = []
    token = _run.set({})
    try:
        results = _run_checks(now)
    finally:
        _run.reset(token)
    return Report(now, results)


def _run_checks(now: dt.datetime) -> list[Result]:
    results = []
    for check in checks():
        try:
            results.append(Result.coerce(check(now)))
        except Exception as exc:  # one broken check must not hide the others
            logger.exception("site health check %r failed", check)
            name = getattr(check, "__name__", repr(check))
            results.append(Result(name, name, "", "fail", summary=f"检查出错：{exc}"))
    return results


def latest() -> Report | None:
    """The last report kept (by `site_health --record`, the admin's re-check or a fresh report)."""
    from .models import HealthDay

    day = HealthDay.objects.order_by("-day").first()
    if day is None or not day.results or "threshold" not in day.results[0]:
        return None
    return Report(day.checked_at, [Result(**r) for r in day.results])


def current(*, fresh: bool = False) -> Report:
    """The report for the dashboard and the endpoint, without making anyone wait for the slow scans: the cached
    one, else the last one kept if it is at most HEALTH_RECORD_MINUTES × 2 old (`site_health --record` keeps it
    fresh from run_periodic), else one made now. `fresh`: made now. A report made is kept as the day's health."""
    if not fresh:
        cached = cache.get(CACHE_KEY)
        if cached:
            return Report.from_dict(cached)
        kept = latest()
        max_age = dt.timedelta(minutes=2 * getattr(settings, "HEALTH_RECORD_MINUTES", 60))
        if kept is not None and timezone.now() - kept.checked_at < max_age:
            cache.set(CACHE_KEY, kept.as_dict(), getattr(settings, "HEALTH_CACHE_SECONDS", 300))
            return kept
    report = run()
    record(report)
    cache.set(CACHE_KEY, report.as_dict(), getattr(settings, "HEALTH_CACHE_SECONDS", 300))
    return report


def record(report: Report) -> None:
    """Keep `report` as the health of its day (the day's last report wins); days older than a year go."""
    from .models import HealthDay

    day = timezone.localdate(report.checked_at)
    HealthDay.objects.update_or_create(
        day=day,
        defaults={
            "checked_at": report.checked_at,
            "status": report.status,
            "veto_failed": report.veto_failed,
            "passed": report.count("pass"),
            "warnings": report.count("warn"),
            "failures": report.count("fail"),
            "results": [r.as_dict() for r in report.results],
        },
    )
    HealthDay.objects.filter(day__lt=day - dt.timedelta(days=KEEP_DAYS)).delete()

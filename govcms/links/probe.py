"""The link prober: is an http(s) address alive? Requests go out one host at a time at a limited rate, with timeouts
and retries, and never to loopback, private or link-local addresses unless the host is one the caller allows (the
site itself). Redirects are followed by hand, so that every hop is checked the same way and a loop is seen.

An outcome is `dead` when the address answers 404 or 410, cannot be connected to (refused, no such host, connect
timeout) or redirects in a loop or too often: what counts as broken once it happens three checks running (the
caller keeps that count). Other failures (5xx, 403, 429, a read timeout) are `ok=False, dead=False`: worth a
warning, not yet broken."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

DEAD_CODES = {404, 410}
RETRY_CODES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10


@dataclass
class Outcome:
    """What one address answered in one check."""

    url: str
    ok: bool | None  # None: not checked (a private address, or the time ran out)
    dead: bool = False
    code: int | None = None
    error: str = ""
    final_url: str = ""
    requests: int = 0
    elapsed: float = 0.0

    @property
    def skipped(self) -> bool:
        return self.ok is None


def user_agent() -> str:
    return getattr(
        settings,
        "LINKCHECK_USER_AGENT",
        "govcms-linkcheck/1.0 (+%s; site health link check)" % (getattr(settings, "SITE_URL", "") or "govcms"),
    )


def host_key(url: str) -> str:
    """host:port of an address (the unit of the rate limit and of the private-address allowlist)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def is_private_host(hostname: str) -> bool:
    """True when the name resolves to any loopback, private, link-local, multicast or reserved address (or to
    nothing: such a host cannot be fetched anyway and must not be guessed at)."""
    try:
        infos = socket.getaddrinfo(hostname, None)
    except (socket.gaierror, UnicodeError):
        return False  # the request itself fails with "no such host", which is what the editor should read
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return True
    return False


class Prober:
    """Checks many addresses: hosts in parallel (up to `concurrency`), each host's addresses one after another,
    at most `per_host_rate` requests a second to one host, retries with backoff for passing failures."""

    def __init__(
        self,
        *,
        allowed_hosts: Iterable[str] = (),
        timeout: tuple[float, float] | None = None,
        retries: int | None = None,
        per_host_rate: float | None = None,
        concurrency: int | None = None,
        backoff: float | None = None,
    ) -> None:
        self.allowed_hosts = {h.lower() for h in allowed_hosts} | {
            h.lower() for h in getattr(settings, "LINKCHECK_ALLOWED_PRIVATE_HOSTS", [])
        }
        self.timeout = timeout or (
            getattr(settings, "LINKCHECK_CONNECT_TIMEOUT", 5.0),
            getattr(settings, "LINKCHECK_READ_TIMEOUT", 15.0),
        )
        self.retries = getattr(settings, "LINKCHECK_RETRIES", 2) if retries is None else retries
        self.per_host_rate = per_host_rate or getattr(settings, "LINKCHECK_PER_HOST_RATE", 1.0)
        self.concurrency = concurrency or getattr(settings, "LINKCHECK_CONCURRENCY", 8)
        self.backoff = getattr(settings, "LINKCHECK_BACKOFF", 1.0) if backoff is None else backoff
        self._private: dict[str, bool] = {}
        self._lock = threading.Lock()

    # -- one host at a time ------------------------------------------------------------------------------

    def _may_fetch(self, url: str) -> bool:
        key = host_key(url)
        if key in self.allowed_hosts or (urlsplit(url).hostname or "").lower() in self.allowed_hosts:
            return True
        hostname = urlsplit(url).hostname or ""
        with self._lock:
            cached = self._private.get(hostname)
        if cached is None:
            cached = is_private_host(hostname)
            with self._lock:
                self._private[hostname] = cached
        return not cached

    def check_many(
        self, urls: Iterable[str], *, deadline: float | None = None, progress: Callable[[Outcome], None] | None = None
    ) -> dict[str, Outcome]:
        """Every address's outcome; addresses not reached before `deadline` (time.monotonic()) are skipped."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[host_key(url)].append(url)
        results: dict[str, Outcome] = {}

        def run_host(host_urls: list[str]) -> None:
            session = requests.Session()
            session.headers["User-Agent"] = user_agent()
            pacer = _Pacer(self.per_host_rate)
            try:
                for url in host_urls:
                    if deadline is not None and time.monotonic() >= deadline:
                        outcome = Outcome(url, None, error="time ran out")
                    else:
                        outcome = self.check(url, session=session, pacer=pacer, deadline=deadline)
                    with self._lock:
                        results[url] = outcome
                    if progress:
                        progress(outcome)
            finally:
                session.close()

        hosts = list(by_host.values())
        if len(hosts) == 1:
            run_host(hosts[0])
        elif hosts:
            with ThreadPoolExecutor(max_workers=min(self.concurrency, len(hosts))) as pool:
                list(pool.map(run_host, hosts))
        return results

    def check(
        self,
        url: str,
        *,
        session: requests.Session | None = None,
        pacer: _Pacer | None = None,
        deadline: float | None = None,
    ) -> Outcome:
        """One address, with retries: HEAD (GET where HEAD is refused), redirects followed by hand."""
        own_session = session is None
        session = session or requests.Session()
        session.headers.setdefault("User-Agent", user_agent())
        pacer = pacer or _Pacer(self.per_host_rate)
        started = time.monotonic()
        outcome = Outcome(url, None)
        try:
            for attempt in range(self.retries + 1):
                if attempt and deadline is not None and time.monotonic() + self.backoff * attempt >= deadline:
                    break
                if attempt:
                    time.sleep(self.backoff * attempt)
                outcome = self._attempt(url, session, pacer, outcome.requests)
                if outcome.ok or outcome.skipped or outcome.code in DEAD_CODES or "redirect" in outcome.error:
                    break
                if outcome.code is not None and outcome.code not in RETRY_CODES:
                    break  # 401, 403 …: asking again changes nothing
        finally:
            if own_session:
                session.close()
        outcome.elapsed = time.monotonic() - started
        return outcome

    def _attempt(self, url: str, session: requests.Session, pacer: _Pacer, sent: int) -> Outcome:
        seen = {url}
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return Outcome(url, None, error="not an http(s) address", final_url=current, requests=sent)
            if not self._may_fetch(current):
                return Outcome(url, None, error="private address, not fetched", final_url=current, requests=sent)
            try:
                pacer.wait()
                sent += 1
                response = session.head(current, allow_redirects=False, timeout=self.timeout)
                if response.status_code in (405, 501):
                    pacer.wait()
                    sent += 1
                    response = session.get(current, allow_redirects=False, timeout=self.timeout, stream=True)
                response.close()
            except requests.exceptions.ConnectTimeout:
                return Outcome(url, False, dead=True, error="connect timeout", final_url=current, requests=sent)
            except requests.exceptions.ReadTimeout:
                return Outcome(url, False, error="slow: no answer in time", final_url=current, requests=sent)
            except requests.exceptions.ConnectionError as exc:
                return Outcome(url, False, dead=True, error=_reason(exc), final_url=current, requests=sent)
            except requests.exceptions.RequestException as exc:
                return Outcome(url, False, error=_reason(exc), final_url=current, requests=sent)
            code = response.status_code
            if code in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                following = urljoin(current, response.headers["Location"])
                if following in seen:
                    return Outcome(url, False, dead=True, code=code, error="redirect loop", final_url=following, requests=sent)
                seen.add(following)
                current = following
                continue
            ok = code < 400
            return Outcome(url, ok, dead=code in DEAD_CODES, code=code, final_url=current, requests=sent)
        return Outcome(url, False, dead=True, error="too many redirects", final_url=current, requests=sent)


class _Pacer:
    """At most `rate` request starts a second."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.last = 0.0

    def wait(self) -> None:
        if self.interval:
            pause = self.last + self.interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last = time.monotonic()


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker, reason in (
        ("Name or service not known", "no such host"),
        ("nodename nor servname", "no such host"),
        ("Temporary failure in name resolution", "no such host"),
        ("Connection refused", "connection refused"),
        ("certificate", "TLS certificate error"),
    ):
        if marker in text:
            return reason
    return text[:200]


def own_hosts() -> set[str]:
    """host:port of the site itself (every Wagtail Site, SITE_URL and WAGTAILADMIN_BASE_URL): fetched even on a
    loopback or private address."""
    from wagtail.models import Site

    hosts = set()
    for hostname, port in Site.objects.values_list("hostname", "port"):
        hosts.add(f"{hostname.lower()}:{port}")
    for name in ("SITE_URL", "WAGTAILADMIN_BASE_URL"):
        value = getattr(settings, name, "") or ""
        if value.startswith(("http://", "https://")):
            hosts.add(host_key(value))
    return hosts

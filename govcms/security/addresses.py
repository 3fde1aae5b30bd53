"""The visitor's network address, as every per-address limit and log on the site counts it (django-ratelimit's
"ip" key, django-axes' login lockout, the API throttle, the personal data view log).

REMOTE_ADDR; or, behind PROXY_COUNT proxies (1 behind deploy/nginx.conf), the X-Forwarded-For entry the outermost of
them added — but only when the request really came through them: the connection's own address (and every inner hop)
must be one of TRUSTED_PROXY_ADDRESSES (loopback by default; an empty REMOTE_ADDR is a Unix socket, local too).
A client that reaches the application server directly is counted by its own address, whatever it claims."""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

DEFAULT_TRUSTED_PROXIES = ("127.0.0.0/8", "::1/128")


@functools.lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def is_trusted_proxy(address: str) -> bool:
    if not address:
        return True  # a Unix socket: only processes on this machine can connect
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXY_ADDRESSES", DEFAULT_TRUSTED_PROXIES)))
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if not proxies or not is_trusted_proxy(remote):
        return remote or "0.0.0.0"  # empty over a Unix socket with no proxy: one address for all
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote or "0.0.0.0"
    for hop in forwarded[len(forwarded) - proxies + 1 :]:  # addresses the inner proxies saw: proxies themselves
        if not is_trusted_proxy(hop):
            return hop
    return forwarded[-proxies]

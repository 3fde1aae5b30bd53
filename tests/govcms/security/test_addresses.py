"""One notion of the visitor's address for every per-address limit and log: the connection's address, or behind
PROXY_COUNT trusted proxies the one the outermost proxy saw; an X-Forwarded-For the client wrote is never believed."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from govcms.security.addresses import client_address

pytestmark = pytest.mark.django_db


def request(remote: str = "10.0.0.1", forwarded: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_client_address(settings):
    settings.PROXY_COUNT = 0
    assert client_address(request("10.0.0.1", "6.6.6.6")) == "10.0.0.1"  # no proxy: the header is the client's
    settings.PROXY_COUNT = 1
    assert client_address(request("127.0.0.1", "6.6.6.6, 203.0.113.9")) == "203.0.113.9"  # what nginx appended
    assert client_address(request("127.0.0.1")) == "127.0.0.1"  # no header: the connection
    settings.PROXY_COUNT = 2
    settings.TRUSTED_PROXY_ADDRESSES = ["127.0.0.0/8", "10.0.0.0/8"]
    assert client_address(request("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.1.1")) == "203.0.113.9"
    assert client_address(request("")) == "0.0.0.0"


def test_forwarded_addresses_are_believed_only_from_the_proxy(settings):
    """Someone who reaches gunicorn directly (past nginx) is counted by the address they connect from, whatever
    X-Forwarded-For they write; an inner hop that is not a proxy of ours is where the trusted chain ends."""
    settings.PROXY_COUNT = 1
    assert client_address(request("203.0.113.50", "198.51.100.7")) == "203.0.113.50"
    assert client_address(request("::1", "198.51.100.7")) == "198.51.100.7"  # nginx on loopback (IPv6)
    assert client_address(request("", "198.51.100.7")) == "198.51.100.7"  # nginx over a Unix socket
    settings.PROXY_COUNT = 2
    assert client_address(request("127.0.0.1", "6.6.6.6, 198.51.100.7, 203.0.113.50")) == "203.0.113.50"
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]
    settings.PROXY_COUNT = 1
    assert client_address(request("10.2.3.4", "198.51.100.7")) == "198.51.100.7"
    assert client_address(request("127.0.0.1", "198.51.100.7")) == "127.0.0.1"  # loopback no longer a proxy


def test_admin_lockout_past_the_proxy(client, settings, django_user_model):
    """8 wrong passwords straight to gunicorn with a new X-Forwarded-For each time: locked at the fifth."""
    settings.PROXY_COUNT = 1
    django_user_model.objects.create_user("editor", "e@example.gov.cn", "right-password", is_staff=True)
    codes = [
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(8)
    ]
    assert codes[:4] == [200] * 4 and codes[4:] == [429] * 4  # the fifth failure locks (LOGIN_FAILURE_LIMIT)


def test_api_throttle_counts_the_address_not_the_header(client, site_tree, settings):
    """Rotating X-Forwarded-For does not escape the API's anonymous limit; behind a proxy, two visitors are two."""
    cache.clear()
    settings.API_ANON_RATE = "3/minute"
    settings.PROXY_COUNT = 0
    codes = [client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    cache.clear()
    settings.PROXY_COUNT = 1
    for _ in range(3):
        assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_error_report_limit_behind_a_proxy(client, site_tree, settings):
    """The public forms' limits (django-ratelimit's "ip" key) count the visitor nginx saw, not nginx."""
    cache.clear()
    settings.PROXY_COUNT = 1
    settings.ERROR_REPORTS_RATE = "1/h"
    page = site_tree.news.url
    data = {"page_url": page, "error_type": "typo", "description": "第二段有错别字，“公物用车”应为“公务用车”。"}
    first = client.post("/zhaocuo/", data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = client.post("/zhaocuo/", data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = client.post("/zhaocuo/", data, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert again.status_code == 429
    assert first.status_code == other.status_code != 429

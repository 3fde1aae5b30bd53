"""The link prober against a local server: 200, redirects, a 301 loop, 404/410, slow, refused, HEAD refused, a
flaky 503 retried; private addresses left alone unless allowed (also behind a redirect); the per-host rate limit
and the User-Agent."""

import time

import pytest

from govcms.links.probe import Prober, host_key

from .server import link_server, refused_url


@pytest.fixture
def server():
    with link_server() as server:
        yield server


def prober(server, *also, **options):
    options = {"timeout": (1.0, 0.5), "retries": 0, "backoff": 0.0, "per_host_rate": 100, **options}
    return Prober(allowed_hosts={server.host, *also}, **options)


def test_answers_are_classified(server):
    refused = refused_url()
    outcomes = prober(server, host_key(refused)).check_many(
        [server.base + p for p in ("/ok", "/moved", "/loop", "/missing", "/gone", "/slow", "/get-only")] + [refused]
    )
    by_path = {url.removeprefix(server.base): o for url, o in outcomes.items()}
    assert by_path["/ok"].ok and by_path["/ok"].code == 200 and not by_path["/ok"].dead
    assert by_path["/moved"].ok and by_path["/moved"].final_url == server.base + "/ok"
    assert by_path["/loop"].dead and by_path["/loop"].error == "redirect loop"
    assert by_path["/missing"].dead and by_path["/missing"].code == 404
    assert by_path["/gone"].dead and by_path["/gone"].code == 410
    assert by_path["/slow"].ok is False and not by_path["/slow"].dead  # slow is a warning, not broken
    assert by_path["/get-only"].ok and by_path["/get-only"].requests == 2  # HEAD refused, then GET
    refused = next(o for url, o in outcomes.items() if not url.startswith(server.base))
    assert refused.dead and refused.error == "connection refused"


def test_passing_failures_are_retried_and_dead_ones_are_not(server):
    flaky = prober(server, retries=2).check(server.base + "/flaky")
    assert flaky.ok and flaky.requests == 3
    missing = prober(server, retries=2).check(server.base + "/missing")
    assert missing.dead and missing.requests == 1


def test_private_addresses_are_not_fetched_unless_they_are_the_site(server):
    outcome = Prober(timeout=(1.0, 0.5), retries=0).check(server.base + "/ok")
    assert outcome.skipped and "private" in outcome.error
    assert server.requests == []
    behind_redirect = prober(server).check(server.base + "/to-private")
    assert behind_redirect.skipped and behind_redirect.final_url == "http://10.255.255.1/secret"


def test_one_host_is_asked_at_the_rate_limit_with_a_proper_user_agent(server, settings):
    settings.LINKCHECK_USER_AGENT = "govcms-linkcheck/test (+https://www.example.gov.cn)"
    started = time.monotonic()
    prober(server, per_host_rate=5).check_many([f"{server.base}/ok?{i}" for i in range(6)] + [server.base + "/ok"])
    assert time.monotonic() - started >= 1.0  # 7 requests at 5 a second: at least 6 intervals of 0.2 s
    times = [t for *_, t in server.requests]
    assert len(times) == 7 and times[-1] - times[0] >= 6 * 0.2 * 0.9  # the server saw them spread out too
    assert {agent for _, _, agent, _ in server.requests} == {"govcms-linkcheck/test (+https://www.example.gov.cn)"}


def test_a_deadline_stops_the_check(server):
    outcomes = prober(server, per_host_rate=1).check_many(
        [server.base + "/ok", server.base + "/missing", server.base + "/gone"], deadline=time.monotonic() + 0.5
    )
    assert sum(1 for o in outcomes.values() if o.skipped) >= 1

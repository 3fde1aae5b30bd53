"""Behind nginx (PROXY_COUNT=1), someone who reaches gunicorn directly cannot escape the look-up limit by writing a
new X-Forwarded-For each time: only the proxy's own address is believed when it forwards one."""

from django.core.cache import cache


def test_rotating_forwarded_for_past_the_proxy_is_limited(client, request_page, settings):
    cache.clear()
    settings.PROXY_COUNT = 1
    settings.DISCLOSURE_LOOKUP_RATE = "30/h"
    url = request_page.url + "lookup/"
    codes = [
        client.post(
            url,
            {"code": "ABCD2345", "contact": "13800000000"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(40)
    ]
    assert 429 not in codes[:30] and codes[30:] == [429] * 10

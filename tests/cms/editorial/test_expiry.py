"""A policy whose validity ends shows as expired the next day, on its page and in its listing, without anyone
saving it, even when yesterday's copy of both pages sits in the page cache."""

import datetime
import re
import uuid
from zoneinfo import ZoneInfo

import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")


def validity(html: str) -> str:
    match = re.search(r'class="validity-badge[^"]*">.*?<strong>(.*?)</strong>', html, re.S)
    return match.group(1).strip() if match else ""


def test_policy_expires_at_midnight_through_the_page_cache(site_tree, client, settings, empty_cache):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_KEY_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"
    policy = site_tree.policy
    last_day = datetime.date(2030, 6, 30)
    with time_machine.travel(datetime.datetime(2030, 6, 30, 23, 58, tzinfo=SHANGHAI), tick=False) as clock:
        policy.expiry_date = last_day  # its last day in force is today
        policy.save_revision().publish()
        listing = site_tree.policies.url
        for _ in range(2):  # the second answer comes from the cache
            page = client.get(policy.url)
            rows = client.get(listing)
        assert page["X-Cache"] == "HIT" and rows["X-Cache"] == "HIT"
        assert validity(page.content.decode()) == "有效"
        assert re.search(r"省直机关公务用车管理办法</a></td>", rows.content.decode())  # no badge: in force

        clock.move_to(datetime.datetime(2030, 7, 1, 0, 3, tzinfo=SHANGHAI))  # within the cache's timeout
        page = client.get(policy.url)
        assert validity(page.content.decode()) == "失效"
        rows = client.get(listing).content.decode()
        assert re.search(r"省直机关公务用车管理办法</a>\s*<span class=\"validity validity-expired\">失效</span>", rows)
        expired = client.get("/xxgk/", {"validity": "expired"}).content.decode()
        assert "省直机关公务用车管理办法" in expired
    policy.refresh_from_db()
    assert policy.validity == "valid" and policy.expiry_date == last_day  # nobody touched it

"""The feeds in a real feed reader: Debian's newsboat fetches the site's RSS and Atom feeds from a live server, with
its own configuration, URL list and cache in a temporary folder. It must log no error, read every entry of each feed,
keep the Chinese titles as they were written and carry an attachment as the entry's enclosure (its cache.db, read
with sqlite3, is what a subscriber's reader shows). Skipped only when newsboat is not installed (./scripts/test
installs it)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import urllib.request
from pathlib import Path

import feedparser
import pytest
from django.db import connection

from cms.disclosure.models import DisclosureAttachment
from cms.news.models import NewsPage
from tests.factories import build_site, make_document, publish

NEWSBOAT = shutil.which("newsboat")

if connection.vendor != "sqlite":
    # A live server on SQLite only, as the browser tests and the API fuzzer. Skipped for the whole module, before
    # any item exists: a skipped item that asks for transactional_db and live_server still runs the shared
    # teardown (tests/conftest.py), which on PostgreSQL restored migrate's rows into the wrong database.
    pytest.skip("a live-server test: runs in the SQLite pass", allow_module_level=True)

# Titles with what a reader could mangle: full-width punctuation, quotes, an ampersand, a CJK extension character.
TRICKY_TITLE = "关于“节能宣传周”活动的通知（第2号）& 附表《𠀾》"
FEEDS = ["/feeds/rss/", "/feeds/atom/", "/feeds/rss/section/xxgk/zcwj/", "/feeds/atom/section/xxgk/zcwj/"]
CONFIG = """\
reload-threads 1
download-retries 1
download-timeout 60
max-items 0
show-read-feeds yes
cleanup-on-quit no
"""


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    """The site in a database the live server's thread can see, with a news article whose title has the characters
    a reader could mangle, and the press conference's recording as its video file."""
    tree = build_site()
    tree.tricky = publish(tree.news_index, NewsPage(title=TRICKY_TITLE, slug="tricky", date=tree.news.date))
    conference = tree.conference.specific
    conference.video = make_document("发布会视频", content=b"\x00\x00\x00\x18ftypmp42", name="fabuhui.mp4")
    conference.save_revision().publish()
    tree.conference = conference
    return tree


def is_media(mime_type: str | None) -> bool:
    """newsboat keeps an entry's enclosure only when it is a podcast (audio, video, Ogg): a PDF or DOCX attachment
    is in the feed (tests/delivery/feeds/test_feeds.py) but never in its cache."""
    return bool(mime_type) and (mime_type.split("/")[0] in ("audio", "video") or mime_type == "application/ogg")


def newsboat(folder: Path, url: str) -> list[tuple[str, str, str | None, str | None]]:
    """Runs `newsboat -x reload print-unread` on one feed with a configuration, URL list, cache and log of its own (a
    cache per feed: newsboat keeps one item per guid, so an entry in two feeds would be counted in one only); HOME
    is that folder too, so nothing of the user's newsboat is read or written. Asserts that newsboat ran without an
    error and returns the items it stored: (title, url, enclosure_url, enclosure_type)."""
    folder.mkdir()
    (folder / "urls").write_text(url + "\n", encoding="utf-8")
    (folder / "config").write_text(CONFIG + f'error-log "{folder / "errors.log"}"\n', encoding="utf-8")
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_DATA_HOME": str(folder)}
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    command = [NEWSBOAT, "-u", "urls", "-c", "cache.db", "-C", "config", "-l", "3", "-d", "newsboat.log"]
    result = subprocess.run(
        [*command, "-x", "reload", "print-unread"], cwd=folder, env=env, capture_output=True, text=True, timeout=180
    )
    logs = [folder / name for name in ("newsboat.log", "errors.log")]
    log = "".join(path.read_text(encoding="utf-8") for path in logs if path.exists())
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "ERROR" not in log and "rror" not in output, f"{url}\n{output}\n{log}"
    with sqlite3.connect(folder / "cache.db") as db:
        [[feed_url, feed_title]] = db.execute("SELECT rssurl, title FROM rss_feed").fetchall()
        items = db.execute("SELECT title, url, enclosure_url, enclosure_type FROM rss_item WHERE deleted = 0").fetchall()
    assert feed_url == url and feed_title, (feed_url, feed_title)
    assert result.stdout.strip() == f"{len(items)} unread articles", result.stdout  # what the reader announces
    return items


def served(url: str) -> feedparser.FeedParserDict:
    """The feed as served, parsed by feedparser: what newsboat must find in it."""
    with urllib.request.urlopen(url, timeout=60) as response:
        document = feedparser.parse(response.read())
    assert document.bozo == 0 and document.entries, url
    return document


@pytest.mark.skipif(NEWSBOAT is None, reason="newsboat is not installed (Debian: apt-get install newsboat)")
def test_newsboat_reads_every_entry_with_chinese_titles_and_enclosures(site, live_server, tmp_path):
    policy_url = live_server.url + site.policy.url
    policy_document = live_server.url + site.policy.attachments.first().document.url
    video = (live_server.url + site.conference.video.url, "video/mp4")
    for number, path in enumerate(FEEDS):
        url = live_server.url + path
        parsed = served(url)
        items = newsboat(tmp_path / str(number), url)
        assert len(items) == len(parsed.entries), url  # every entry read, none twice
        titles = [title for title, *_ in items]
        assert sorted(titles) == sorted(entry.title for entry in parsed.entries), url  # the Chinese, as written
        read = {title: (link, enclosure, kind) for title, link, enclosure, kind in items}
        # each entry opens its page: with a second rel="alternate", newsboat took the attachment for the entry's link
        assert sorted(link for link, *_ in read.values()) == sorted(entry.link for entry in parsed.entries), url
        assert read[site.policy.title][0] == policy_url, url
        assert read[site.policy.title][1] in ("", None, policy_document), url  # a PDF: in the feed, not in newsboat
        # every audio or video attachment is the entry's enclosure, with its type
        media = {e.title: (x.href, x.type) for e in parsed.entries for x in e.get("enclosures", []) if is_media(x.type)}
        assert {title: (enclosure, kind) for title, (_, enclosure, kind) in read.items() if enclosure} == media, url
        if "/section/" not in url:
            assert read[TRICKY_TITLE][0] == live_server.url + site.tricky.url, url
            assert read[site.conference.title] == (live_server.url + site.conference.url, *video), url

    # An item with two attachments (RSS has one <enclosure> per item, Atom a rel="enclosure" link for each): the
    # entry's link still opens the page.
    policy = site.policy.specific
    policy.attachments.add(DisclosureAttachment(document=make_document("附件二：车辆配备标准表")))
    policy.save_revision().publish()
    for fmt in ("rss", "atom"):
        url = f"{live_server.url}/feeds/{fmt}/section/xxgk/zcwj/"
        items = newsboat(tmp_path / f"two-{fmt}", url)
        assert [link for title, link, *_ in items if title == policy.title] == [policy_url], url

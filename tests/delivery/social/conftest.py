"""A real local HTTP server playing Weibo, WeChat, Mastodon and a webhook receiver, recording every request."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from cms.news.models import NewsPage
from delivery.social.models import Channel


class FakeChannels(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict] = []
        self.script: dict[str, list[tuple[int, dict, dict]]] = {}  # path -> queued (status, json, headers)
        self.delay = 0.0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def queue(self, path, status, body=None, headers=None):
        self.script.setdefault(path, []).append((status, body or {}, headers or {}))

    def paths(self):
        return [r["path"] for r in self.requests]


DEFAULTS = {
    "/2/statuses/share.json": {"id": 4900000000000001, "idstr": "4900000000000001"},
    "/cgi-bin/token": {"access_token": "WXTOKEN123", "expires_in": 7200},
    "/cgi-bin/material/add_material": {"media_id": "THUMB_MEDIA", "url": "http://mmbiz.qpic.cn/x"},
    "/cgi-bin/draft/add": {"media_id": "DRAFT_MEDIA"},
    "/cgi-bin/freepublish/submit": {"errcode": 0, "errmsg": "ok", "publish_id": "100000001"},
    "/api/v2/media": {"id": "22348641", "type": "image"},
    "/api/v1/statuses": {"id": "103704874086360371", "content": "<p>ok</p>"},
    "/hook": {"ok": True},
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _handle(self):
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append(
            {
                "method": self.command,
                "path": split.path,
                "query": parse_qs(split.query),
                "headers": dict(self.headers),
                "body": body,
            }
        )
        if self.server.delay:
            time.sleep(self.server.delay)
        queued = self.server.script.get(split.path)
        if queued:
            status, payload, headers = queued.pop(0)
        else:
            status, payload, headers = 200, DEFAULTS.get(split.path, {"error": "not found"}), {}
            if split.path not in DEFAULTS:
                status = 404
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _handle


@pytest.fixture
def fake():
    server = FakeChannels()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(SOCIAL_BACKOFF=0.01, SOCIAL_READ_TIMEOUT=1, SOCIAL_CONNECT_TIMEOUT=1):
        yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def channels(db, fake):
    """One configured channel of every kind, triggered by news pages, all pointing at the fake server."""
    news_type = ContentType.objects.get_for_model(NewsPage)
    made = {
        "weibo": Channel.objects.create(kind="weibo", name="官方微博", base_url=fake.url, access_token="WBSECRET"),
        "wechat": Channel.objects.create(
            kind="wechat", name="微信公众号", base_url=fake.url, app_id="wxAPPID", app_secret="WXSECRET"
        ),
        "mastodon": Channel.objects.create(kind="mastodon", name="长毛象", base_url=fake.url, access_token="MASTOSECRET"),
        "webhook": Channel.objects.create(
            kind="webhook", name="融媒体平台", base_url=fake.url + "/hook", signing_secret="HOOKSECRET"
        ),
    }
    for channel in made.values():
        channel.page_types.add(news_type)
    return made

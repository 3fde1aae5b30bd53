"""Media in S3-compatible storage, up to the wire: the production settings' storage signs and sends a real upload
to an HTTP listener on 127.0.0.1 that records it (no S3 server can be installed here). With
GOVCMS_TEST_S3_BUCKET, GOVCMS_TEST_S3_ENDPOINT_URL, GOVCMS_TEST_S3_ACCESS_KEY and GOVCMS_TEST_S3_SECRET_KEY set,
the same upload goes to that real bucket (MinIO, OSS, COS…), is read back and deleted."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CONTENT = b"%PDF-1.4\n% govcms storage test\n"
UPLOAD = """
import json, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
name = default_storage.save("documents/2026/年度报告.pdf", ContentFile(%r))
result = {"name": name, "url": default_storage.url(name)}
if %r:
    with default_storage.open(name) as f:
        result["read"] = f.read().decode("latin-1")
    default_storage.delete(name)
    result["exists_after_delete"] = default_storage.exists(name)
print(json.dumps(result, ensure_ascii=False))
"""


def upload(env: dict, read_back: bool = False) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "AWS_", "DJANGO_"))}
    clean.update(
        env, DJANGO_SETTINGS_MODULE="govcms.settings.production", SECRET_KEY="storage-test", ALLOWED_HOSTS="www.example.gov.cn"
    )
    out = subprocess.run(
        [sys.executable, "-c", UPLOAD % (CONTENT, read_back)], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers like a bucket that holds nothing yet: HEAD is 404, PUT is stored and acknowledged."""

    requests: list[dict] = []

    def log_message(self, *args):
        pass

    def _record(self, body: bytes = b"") -> None:
        self.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})

    def do_HEAD(self):
        self._record()
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._record(body)
        self.send_response(200)
        self.send_header("ETag", '"0123456789abcdef0123456789abcdef"')
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def listener():
    Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder.requests
    server.shutdown()
    server.server_close()


def test_upload_is_signed_and_sent_to_the_bucket(listener):
    endpoint, requests = listener
    result = upload(
        {
            "AWS_STORAGE_BUCKET_NAME": "govcms-media",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "AKTEST",
            "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_S3_REGION_NAME": "cn-south-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.gov.cn",
        }
    )
    assert result["name"] == "documents/2026/年度报告.pdf"
    assert result["url"] == "https://media.example.gov.cn/documents/2026/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf"
    puts = [r for r in requests if r["method"] == "PUT"]
    assert len(puts) == 1, [(r["method"], r["path"]) for r in requests]
    put = puts[0]
    assert put["path"].startswith("/govcms-media/documents/2026/")  # path-style addressing, the key URL-encoded
    assert urllib.request.unquote(put["path"].split("?")[0]) == "/govcms-media/documents/2026/年度报告.pdf"
    assert CONTENT in put["body"]
    authorization = put["headers"].get("Authorization", "")
    assert authorization.startswith("AWS4-HMAC-SHA256 Credential=AKTEST/")
    assert "/cn-south-1/s3/aws4_request" in authorization and "Signature=" in authorization
    assert put["headers"].get("Content-Type") == "application/pdf"
    assert "x-amz-acl" not in {k.lower() for k in put["headers"]}  # AWS_DEFAULT_ACL = None: the bucket's policy rules
    # Before writing, the storage asked whether the name was taken (AWS_S3_FILE_OVERWRITE = False).
    assert any(r["method"] == "HEAD" and r["path"].split("?")[0] == put["path"].split("?")[0] for r in requests)


@pytest.mark.skipif(not os.environ.get("GOVCMS_TEST_S3_BUCKET"), reason="GOVCMS_TEST_S3_BUCKET is not set: no bucket")
def test_upload_to_a_real_bucket():
    result = upload(
        {
            "AWS_STORAGE_BUCKET_NAME": os.environ["GOVCMS_TEST_S3_BUCKET"],
            "AWS_S3_ENDPOINT_URL": os.environ.get("GOVCMS_TEST_S3_ENDPOINT_URL", ""),
            "AWS_ACCESS_KEY_ID": os.environ.get("GOVCMS_TEST_S3_ACCESS_KEY", ""),
            "AWS_SECRET_ACCESS_KEY": os.environ.get("GOVCMS_TEST_S3_SECRET_KEY", ""),
            "AWS_S3_REGION_NAME": os.environ.get("GOVCMS_TEST_S3_REGION", ""),
            "AWS_S3_ADDRESSING_STYLE": os.environ.get("GOVCMS_TEST_S3_ADDRESSING_STYLE", "path"),
        },
        read_back=True,
    )
    assert result["name"].startswith("documents/2026/") and result["read"].encode("latin-1") == CONTENT
    assert result["exists_after_delete"] is False

"""Benchmark: a gunicorn worker's memory under a burst of letters carrying large pictures.

Starts gunicorn with the production settings (one gthread worker, 4 threads) on a small fresh site with the mailbox,
reads the worker's resident memory at rest (the baseline of the same run), then sends bursts of letters at once,
each from its own address (behind a loopback proxy, PROXY_COUNT=1), and prints the worker's peak resident memory
(VmHWM) after each burst:
  - the report's picture: a 249 KB PNG of 7999×7999 RGBA (256 MB decoded), sent with a form error;
  - pictures under the per-image limit (a PNG of 5000×5000 RGBA, 100 MB decoded) that must be decoded to be checked.
Run: `.venv/bin/python bench/uploads/run.py [--burst 8]`. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"

SETUP = """
from wagtail.models import Page, Site
from cms.home.models import HomePage
from interaction.letters.models import LetterCategory, MailboxPage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="bench-home"))
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "127.0.0.1", "port": PORT, "root_page": home})
home.add_child(instance=MailboxPage(title="局长信箱", slug="jzxx"))
LetterCategory.objects.get_or_create(name="咨询")
"""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def status_kb(pid: int, key: str) -> int:
    return int(re.search(rf"^{key}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M).group(1))


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def letter(port: int, picture: bytes, address: str, invalid: bool) -> int:
    opener = urllib.request.build_opener()
    headers = {"X-Forwarded-For": address}
    page = opener.open(urllib.request.Request(f"http://{HOST}:{port}/jzxx/write/", headers=headers), timeout=60)
    html = page.read().decode()
    cookies = "; ".join(c.split(";")[0] for c in page.headers.get_all("Set-Cookie") or [])
    fields = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
        "submission_token": re.search(r'name="submission_token" value="([^"]+)"', html).group(1),
        "category": re.search(r'name="category"[^>]*>.*?<option value="(\d+)"', html, re.S).group(1),
        "writer_name": "张三",
        "phone": "13800000000",
        "subject": "办公用房维修项目",
        "message": "太短了" if invalid else "我单位办公楼屋顶漏水，请问维修项目如何申报，需要哪些材料？",
    }
    boundary = uuid.uuid4().hex
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    )
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="photo.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + picture
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"http://{HOST}:{port}/jzxx/write/",
        data=body,
        headers={
            **headers,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": cookies,
            "Referer": f"http://{HOST}:{port}/jzxx/write/",
        },
    )
    try:
        return opener.open(request, timeout=120).status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=8, help="letters sent at once (default 8)")
    args = parser.parse_args()
    from tests.govcms.security.files import png_rgba

    work = Path(tempfile.mkdtemp(prefix="govcms-bench-uploads-"))
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="govcms.settings.production",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS=HOST,
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private"),
        STATIC_ROOT=str(work / "static"),
        CACHE_DIR=str(work / "cache"),
        PROXY_COUNT="1",
        LOG_LEVEL="ERROR",
        CSRF_TRUSTED_ORIGINS=f"http://{HOST}:{port}",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    log("a fresh site with the mailbox")
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "shell", "-c", SETUP.replace("PORT", str(port))], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "govcms.wsgi"],
        cwd=ROOT,
        env={
            **env,
            "GUNICORN_BIND": f"{HOST}:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "4",
            "GUNICORN_ACCESSLOG": "/dev/null",
            "GUNICORN_TIMEOUT": "120",
        },
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://{HOST}:{port}/jzxx/write/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        pid = worker_pid(server.pid)
        letter(port, png_rgba(40, 30), "198.51.100.250", invalid=True)  # warm up: templates, Pillow, the form
        rest = status_kb(pid, "VmRSS") / 1024
        log(f"worker {pid} at rest: {rest:.0f} MB resident")
        bursts = [
            ("7999×7999 RGBA PNG (249 KB, 256 MB decoded), form errors", png_rgba(7999, 7999), True),
            ("5000×5000 RGBA PNG (100 MB decoded each), valid letters", png_rgba(5000, 5000), False),
        ]
        results = []
        for n, (label, picture, invalid) in enumerate(bursts):
            Path(f"/proc/{pid}/clear_refs").write_text("5")
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(args.burst) as pool:
                codes = list(
                    pool.map(
                        lambda i, n=n, picture=picture, invalid=invalid: letter(port, picture, f"198.51.{100 + n}.{i}", invalid),
                        range(args.burst),
                    )
                )
            seconds = time.monotonic() - started
            peak = status_kb(pid, "VmHWM") / 1024
            results.append((label, peak, seconds, codes))
            log(
                f"{label}: {args.burst} at once in {seconds:.1f} s, answers {sorted(codes)}, worker peak {peak:.0f} MB "
                f"(+{peak - rest:.0f} MB over rest)"
            )
        print()
        print(f"worker at rest: {rest:.0f} MB")
        for label, peak, seconds, codes in results:
            print(f"{label}: peak {peak:.0f} MB (+{peak - rest:.0f}), {seconds:.1f} s, answers {sorted(set(codes))}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()

"""A local HTTP server for link checks: 200, a redirect to it, a 301 loop, 404, 410, a slow answer, HEAD refused,
a flaky 503; it records each request (path, method, User-Agent, time). `refused_url()` is an address where nothing
listens."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, method: str) -> None:
        server = self.server
        server.requests.append((self.path, method, self.headers.get("User-Agent", ""), time.monotonic()))
        path = self.path
        if path == "/ok":
            self._send(200)
        elif path == "/moved":
            self._send(301, location="/ok")
        elif path == "/loop":
            self._send(301, location="/loop2")
        elif path == "/loop2":
            self._send(301, location="/loop")
        elif path == "/missing":
            self._send(404)
        elif path == "/gone":
            self._send(410)
        elif path == "/slow":
            time.sleep(2)
            self._send(200)
        elif path == "/get-only":
            self._send(405 if method == "HEAD" else 200)
        elif path == "/flaky":
            server.flaky += 1
            self._send(503 if server.flaky <= 2 else 200)
        elif path == "/to-private":
            self._send(302, location="http://10.255.255.1/secret")
        else:
            self._send(404)

    def _send(self, code: int, location: str = "") -> None:
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@contextmanager
def link_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.requests = []
    server.flaky = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    server.host = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def refused_url() -> str:
    """An address on this machine where nothing listens (a port bound, then let go)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/"

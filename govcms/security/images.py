"""Bounding the memory that checking an uploaded image may take, before any pixel is decoded.

An image's decoded size (width × height × bytes per pixel) is read from its header. It must stay under a limit per
image, per request (all the images one request carries) and per worker process (images being decoded at the same
time by its threads share one budget; a thread waits a little for room, then the upload is refused as "busy").
JPEG is checked at one eighth of its size (Pillow's draft mode decodes every block at reduced scale), so a photo
costs 1/64 of its full decoding."""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator

from django.conf import settings
from django.core.signals import request_started
from PIL import Image

DEFAULT_MAX_PIXELS = 64_000_000
DEFAULT_MAX_IMAGE_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_REQUEST_BYTES = 192 * 1024 * 1024
DEFAULT_MAX_WORKER_BYTES = 256 * 1024 * 1024
DEFAULT_WAIT_SECONDS = 10.0

_request_bytes: contextvars.ContextVar[int] = contextvars.ContextVar("image_decode_request_bytes", default=0)


def reset_request_budget(**kwargs) -> None:
    """A new request starts with nothing decoded (connected to request_started)."""
    _request_bytes.set(0)


request_started.connect(reset_request_budget, dispatch_uid="govcms.security.images.reset")


class Refused(Exception):
    """`kind` is "image" (one image too big), "request" (too much in one request) or "busy" (the worker's budget is in
    use by other uploads for longer than the wait)."""

    def __init__(self, kind: str, needed: int, limit: int):
        super().__init__(f"{kind}: {needed} bytes over {limit}")
        self.kind = kind
        self.needed = needed
        self.limit = limit


class WorkerBudget:
    """Bytes of decoded images a process holds at once, shared by its threads."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.in_use = 0
        self.peak = 0
        self._condition = threading.Condition()

    @contextlib.contextmanager
    def hold(self, amount: int, wait: float) -> Iterator[None]:
        if amount > self.capacity:
            raise Refused("busy", amount, self.capacity)
        with self._condition:
            if not self._condition.wait_for(lambda: self.in_use + amount <= self.capacity, timeout=wait):
                raise Refused("busy", amount, self.capacity)
            self.in_use += amount
            self.peak = max(self.peak, self.in_use)
        try:
            yield
        finally:
            with self._condition:
                self.in_use -= amount
                self._condition.notify_all()


_worker_budget: WorkerBudget | None = None
_worker_lock = threading.Lock()


def worker_budget() -> WorkerBudget:
    global _worker_budget
    capacity = getattr(settings, "UPLOAD_IMAGE_WORKER_BYTES", DEFAULT_MAX_WORKER_BYTES)
    with _worker_lock:
        if _worker_budget is None or _worker_budget.capacity != capacity:
            _worker_budget = WorkerBudget(capacity)
        return _worker_budget


def bytes_per_pixel(image: Image.Image) -> int:
    """What one decoded pixel of this mode costs in Pillow's memory."""
    if image.mode in ("1", "L", "P"):
        return 1
    if image.mode.startswith("I;16"):
        return 2
    return 4  # every multi-band mode (RGB is kept as RGBX), I and F


def decoded_bytes(image: Image.Image) -> int:
    """The memory a full decode of `image` takes, from its header (for JPEG: at the scale it will be checked)."""
    width, height = image.size
    if image.format == "JPEG":
        width, height = max(1, -(-width // 8)), max(1, -(-height // 8))
    return width * height * bytes_per_pixel(image)


def limits() -> tuple[int, int, int]:
    return (
        getattr(settings, "UPLOAD_IMAGE_MAX_BYTES", DEFAULT_MAX_IMAGE_BYTES),
        getattr(settings, "UPLOAD_IMAGE_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES),
        getattr(settings, "UPLOAD_IMAGE_WAIT_SECONDS", DEFAULT_WAIT_SECONDS),
    )


def decode(image: Image.Image) -> None:
    """Decodes the opened `image` completely within the image, request and worker budgets (Refused otherwise)."""
    per_image, per_request, wait = limits()
    needed = decoded_bytes(image)
    if needed > per_image:
        raise Refused("image", needed, per_image)
    used = _request_bytes.get()
    if used + needed > per_request:
        raise Refused("request", used + needed, per_request)
    _request_bytes.set(used + needed)
    with worker_budget().hold(needed, wait):
        if image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()

"""Sends approved posts through each channel's HTTP API, with timeouts, bounded retries and a Delivery per attempt."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import requests
from django.conf import settings
from django.utils import timezone

from .models import Delivery, Post

TRUNCATE = 4000


class SendError(Exception):
    """The channel refused the post or could not be reached; the message is shown in the admin."""


def _setting(name, default):
    return getattr(settings, name, default)


class Sender:
    """One post's sending session: every HTTP attempt is recorded as a Delivery with secrets masked."""

    def __init__(self, post: Post):
        self.post = post
        self.channel = post.channel
        self.session = requests.Session()
        self.timeout = (_setting("SOCIAL_CONNECT_TIMEOUT", 5), _setting("SOCIAL_READ_TIMEOUT", 20))
        self.retries = _setting("SOCIAL_RETRIES", 3)
        self.backoff = _setting("SOCIAL_BACKOFF", 1.0)
        self.extra_secrets: list[str] = []

    def mask(self, text: str) -> str:
        for secret in [*self.channel.secrets(), *self.extra_secrets]:
            text = text.replace(secret, "***")
        return text

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        body = kwargs.get("json") if "json" in kwargs else kwargs.get("data")
        if isinstance(body, (dict, list)):
            summary = json.dumps(body, ensure_ascii=False)
        elif isinstance(body, bytes):
            summary = body.decode("utf-8", "replace")
        else:
            summary = str(body or "")
        if kwargs.get("files"):
            summary += " [files: " + ", ".join(kwargs["files"]) + "]"
        for attempt in range(self.retries + 1):
            started = time.monotonic()
            delivery = Delivery(
                post=self.post, method=method, url=self.mask(url)[:1000], request_body=self.mask(summary)[:TRUNCATE]
            )
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as exc:
                delivery.error = self.mask(f"{type(exc).__name__}: {exc}")[:TRUNCATE]
                delivery.duration_ms = int((time.monotonic() - started) * 1000)
                delivery.save()
                if attempt < self.retries and isinstance(exc, (requests.ConnectionError,)):
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise SendError(delivery.error) from exc
            delivery.duration_ms = int((time.monotonic() - started) * 1000)
            delivery.response_status = response.status_code
            delivery.response_body = self.mask(response.text)[:TRUNCATE]
            retryable = response.status_code >= 500 or response.status_code == 429
            if response.status_code >= 400:
                delivery.error = f"HTTP {response.status_code}: {delivery.response_body[:500]}"
            delivery.save()
            if retryable and attempt < self.retries:
                time.sleep(self._retry_after(response) or self.backoff * 2**attempt)
                continue
            if response.status_code >= 400:
                raise SendError(delivery.error)
            return response
        raise SendError("retries exhausted")  # pragma: no cover - the loop always returns or raises

    @staticmethod
    def _retry_after(response) -> float:
        try:
            return min(float(response.headers.get("Retry-After", "")), 60.0)
        except ValueError:
            return 0.0

    def json_or_error(self, response: requests.Response) -> dict:
        try:
            data = response.json()
        except ValueError as exc:
            raise SendError(f"not JSON: {response.text[:200]}") from exc
        if isinstance(data, dict) and data.get("errcode"):  # WeChat answers 200 with an error code
            raise SendError(f"errcode {data.get('errcode')}: {data.get('errmsg', '')}")
        if isinstance(data, dict) and data.get("error_code"):  # Weibo
            raise SendError(f"error_code {data.get('error_code')}: {data.get('error', '')}")
        return data

    def image_file(self):
        image = self.post.image
        if image is None:
            return None
        with image.file.open("rb") as fh:
            content = fh.read()
        name = image.file.name.rsplit("/", 1)[-1]
        return (name, content, "image/" + (name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")))

    # Channels -----------------------------------------------------------------------------------------

    def send_weibo(self) -> str:
        url = self.channel.endpoint + "/2/statuses/share.json"
        data = {"access_token": self.channel.access_token, "status": self.post.text}
        files = {"pic": self.image_file()} if self.post.image else None
        response = self.request("POST", url, data=data, files=files)
        data = self.json_or_error(response)
        return str(data.get("idstr") or data.get("id", ""))

    def send_wechat(self) -> str:
        base = self.channel.endpoint
        token_data = self.json_or_error(
            self.request(
                "GET",
                base + "/cgi-bin/token",
                params={"grant_type": "client_credential", "appid": self.channel.app_id, "secret": self.channel.app_secret},
            )
        )
        token = token_data["access_token"]
        self.extra_secrets.append(token)
        article = {
            "title": self.post.title,
            "digest": self.post.text[:120],
            "content": self.post.content_html,
            "content_source_url": self.post.link,
            "need_open_comment": 0,
        }
        if self.post.image:
            material = self.json_or_error(
                self.request(
                    "POST",
                    base + "/cgi-bin/material/add_material",
                    params={"access_token": token, "type": "image"},
                    files={"media": self.image_file()},
                )
            )
            article["thumb_media_id"] = material["media_id"]
        draft = self.json_or_error(
            self.request(
                "POST",
                base + "/cgi-bin/draft/add",
                params={"access_token": token},
                data=json.dumps({"articles": [article]}, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
        )
        published = self.json_or_error(
            self.request(
                "POST", base + "/cgi-bin/freepublish/submit", params={"access_token": token}, json={"media_id": draft["media_id"]}
            )
        )
        return str(published.get("publish_id", draft["media_id"]))

    def send_mastodon(self) -> str:
        base = self.channel.endpoint
        headers = {"Authorization": f"Bearer {self.channel.access_token}"}
        payload = {"status": self.post.text, "visibility": "public"}
        if self.post.image:
            media = self.request(
                "POST",
                base + "/api/v2/media",
                headers=headers,
                files={"file": self.image_file()},
                data={"description": self.post.title},
            )
            payload["media_ids"] = [self.json_or_error(media)["id"]]
        response = self.request(
            "POST", base + "/api/v1/statuses", json=payload, headers={**headers, "Idempotency-Key": f"govcms-post-{self.post.pk}"}
        )
        return str(self.json_or_error(response).get("id", ""))

    def send_webhook(self) -> str:
        image_url = ""
        if self.post.image:
            image_url = self.post.image.get_rendition("original").full_url
        payload = {
            "id": self.post.pk,
            "event": "page_published",
            "title": self.post.title,
            "text": self.post.text,
            "link": self.post.link,
            "image": image_url,
            "page_id": self.post.page_id,
            "nonce": uuid.uuid4().hex,
        }
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        signature = hmac.new(self.channel.signing_secret.encode(), body, hashlib.sha256).hexdigest()
        response = self.request(
            "POST",
            self.channel.endpoint,
            data=body,
            headers={"Content-Type": "application/json; charset=utf-8", "X-Govcms-Signature": f"sha256={signature}"},
        )
        return response.headers.get("X-Request-Id", "")


def send_post(post: Post) -> Post:
    """Send one approved post; it ends SENT or FAILED (the Delivery rows say why). Refuses anything unapproved."""
    post = Post.objects.select_related("channel").get(pk=post.pk)
    if post.status not in (Post.Status.APPROVED,) or post.approved_by_id is None:
        raise SendError("post is not approved")
    channel = post.channel
    if not channel.enabled or not channel.is_configured:
        raise SendError("channel is disabled or not configured")
    updated = Post.objects.filter(pk=post.pk, status=Post.Status.APPROVED).update(status=Post.Status.SENDING)
    if not updated:
        raise SendError("post is already being sent")
    sender = Sender(post)
    try:
        remote_id = getattr(sender, f"send_{channel.kind}")()
    except SendError:
        post.status = Post.Status.FAILED
        post.save(update_fields=["status"])
        return post
    post.status, post.sent_at, post.remote_id = Post.Status.SENT, timezone.now(), remote_id[:200]
    post.save(update_fields=["status", "sent_at", "remote_id"])
    return post


def retry_post(post: Post) -> Post:
    """Put a failed post back in the approved queue (its approval stands) and send it again."""
    Post.objects.filter(pk=post.pk, status=Post.Status.FAILED).update(status=Post.Status.APPROVED)
    return send_post(post)

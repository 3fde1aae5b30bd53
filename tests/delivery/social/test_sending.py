"""Sending through each channel's real HTTP API against the local fake server: requests, retries, failures."""

import hashlib
import hmac
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from delivery.social.models import Post
from delivery.social.sending import SendError, retry_post, send_post
from tests.factories import make_image

LINK = "http://127.0.0.1:8000/news/jnxcz/"


@pytest.fixture
def approver(db):
    return get_user_model().objects.create_user("press", password="x")


def make_post(channel, approver=None, image=False, **extra):
    page = Page.objects.get(depth=2)
    status = Post.Status.APPROVED if approver else Post.Status.DRAFT
    return Post.objects.create(
        channel=channel,
        page=page,
        title="节能宣传周",
        text=f"节能宣传周启动 {LINK}",
        content_html="<p>正文</p>",
        link=LINK,
        image=make_image("节能") if image else None,
        status=status,
        approved_by=approver,
        approved_at=timezone.now() if approver else None,
        **extra,
    )


def test_weibo_share_with_picture(channels, fake, approver):
    post = send_post(make_post(channels["weibo"], approver, image=True))
    assert post.status == Post.Status.SENT and post.remote_id == "4900000000000001"
    (req,) = fake.requests
    assert req["method"] == "POST" and req["path"] == "/2/statuses/share.json"
    assert req["headers"]["Content-Type"].startswith("multipart/form-data")
    assert b'name="pic"' in req["body"] and b"WBSECRET" in req["body"] and LINK.encode() in req["body"]
    delivery = post.deliveries.get()
    assert delivery.response_status == 200 and "WBSECRET" not in delivery.request_body


def test_wechat_token_material_draft_and_publish(channels, fake, approver):
    post = send_post(make_post(channels["wechat"], approver, image=True))
    assert post.status == Post.Status.SENT and post.remote_id == "100000001"
    assert fake.paths() == [
        "/cgi-bin/token",
        "/cgi-bin/material/add_material",
        "/cgi-bin/draft/add",
        "/cgi-bin/freepublish/submit",
    ]
    token, material, draft, submit = fake.requests
    assert token["method"] == "GET" and token["query"] == {
        "grant_type": ["client_credential"],
        "appid": ["wxAPPID"],
        "secret": ["WXSECRET"],
    }
    assert material["query"] == {"access_token": ["WXTOKEN123"], "type": ["image"]} and b'name="media"' in material["body"]
    article = json.loads(draft["body"])["articles"][0]
    assert article == {
        "title": "节能宣传周",
        "digest": post.text,
        "content": "<p>正文</p>",
        "content_source_url": LINK,
        "need_open_comment": 0,
        "thumb_media_id": "THUMB_MEDIA",
    }
    assert json.loads(submit["body"]) == {"media_id": "DRAFT_MEDIA"}
    assert not any("WXTOKEN123" in d.url or "WXSECRET" in d.url for d in post.deliveries.all())


def test_mastodon_media_then_status_with_idempotency_key(channels, fake, approver):
    post = send_post(make_post(channels["mastodon"], approver, image=True))
    assert post.status == Post.Status.SENT and post.remote_id == "103704874086360371"
    media, status = fake.requests
    assert media["path"] == "/api/v2/media" and media["headers"]["Authorization"] == "Bearer MASTOSECRET"
    assert status["path"] == "/api/v1/statuses" and status["headers"]["Idempotency-Key"] == f"govcms-post-{post.pk}"
    assert json.loads(status["body"]) == {"status": post.text, "visibility": "public", "media_ids": ["22348641"]}


def test_webhook_is_signed_with_hmac_sha256(channels, fake, approver):
    post = send_post(make_post(channels["webhook"], approver))
    (req,) = fake.requests
    expected = hmac.new(b"HOOKSECRET", req["body"], hashlib.sha256).hexdigest()
    assert req["path"] == "/hook" and req["headers"]["X-Govcms-Signature"] == f"sha256={expected}"
    assert json.loads(req["body"])["link"] == LINK and post.status == Post.Status.SENT


def test_500_then_success_is_retried(channels, fake, approver):
    fake.queue("/api/v1/statuses", 500, {"error": "boom"})
    fake.queue("/api/v1/statuses", 429, {"error": "slow down"}, {"Retry-After": "0"})
    post = send_post(make_post(channels["mastodon"], approver))
    assert post.status == Post.Status.SENT
    assert [d.response_status for d in post.deliveries.order_by("pk")] == [500, 429, 200]


def test_4xx_fails_with_the_channels_message_and_retry_succeeds(channels, fake, approver):
    fake.queue("/2/statuses/share.json", 400, {"error_code": 20019, "error": "repeat content!"})
    post = send_post(make_post(channels["weibo"], approver))
    assert post.status == Post.Status.FAILED and "repeat content!" in post.last_error
    assert len(fake.requests) == 1  # a 4xx is not retried
    post = retry_post(post)
    assert post.status == Post.Status.SENT and post.deliveries.count() == 2


def test_timeout_is_recorded_as_failure(channels, fake, approver):
    fake.delay = 1.5
    post = send_post(make_post(channels["webhook"], approver))
    assert post.status == Post.Status.FAILED and "Timeout" in post.last_error


def test_nothing_unapproved_or_unconfigured_reaches_the_server(channels, fake, approver):
    with pytest.raises(SendError):
        send_post(make_post(channels["weibo"]))
    channels["mastodon"].enabled = False
    channels["mastodon"].save()
    disabled = make_post(channels["mastodon"], approver)
    channels["wechat"].app_secret = ""
    channels["wechat"].save()
    unconfigured = make_post(channels["wechat"], approver)
    for post in (disabled, unconfigured):
        with pytest.raises(SendError):
            send_post(post)
    call_command("social_send")
    assert fake.requests == []


def test_social_send_sends_approved_posts(channels, fake, approver, capsys):
    make_post(channels["webhook"], approver)
    make_post(channels["weibo"])  # a draft stays put
    call_command("social_send")
    assert "sent 1, failed 0" in capsys.readouterr().out
    assert fake.paths() == ["/hook"]

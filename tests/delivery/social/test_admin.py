"""Admin flows as real users: list and filters, approve permission, send now, retry a failure, export, secrets."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from delivery.social.models import Post
from tests.delivery.social.test_sending import make_post


def user_with(username, *codenames):
    user = get_user_model().objects.create_user(username, password="pw")
    group, _ = Group.objects.get_or_create(name=f"g-{username}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="social", codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def press(db):
    return user_with("press1", "view_post", "change_post", "approve_post", "send_post", "view_channel")


@pytest.fixture
def clerk(db):
    return user_with("clerk1", "view_post", "change_post", "send_post")


def test_only_approvers_can_approve(client, channels, fake, press, clerk):
    post = make_post(channels["webhook"])
    client.force_login(clerk)
    refused = client.post(reverse("social_approve", args=[post.pk]))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # permission denied
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    listing = client.get(reverse("wagtailsnippets_social_post:list"))
    assert listing.status_code == 200 and reverse("social_approve", args=[post.pk]) not in listing.content.decode()
    client.force_login(press)
    listing = client.get(reverse("wagtailsnippets_social_post:list"))
    assert reverse("social_approve", args=[post.pk]) in listing.content.decode()
    client.post(reverse("social_approve", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.APPROVED and post.approved_by == press and fake.requests == []


def test_send_now_refuses_a_draft_and_sends_an_approved_post(client, channels, fake, press):
    draft = make_post(channels["webhook"])
    client.force_login(press)
    client.post(reverse("social_send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT and fake.requests == []
    client.post(reverse("social_approve", args=[draft.pk]))
    client.post(reverse("social_send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Post.Status.SENT and fake.paths() == ["/hook"]


def test_failure_is_shown_and_retried(client, channels, fake, press):
    fake.queue("/api/v1/statuses", 422, {"error": "Validation failed: Text character limit of 500 exceeded"})
    post = make_post(channels["mastodon"], press)
    client.force_login(press)
    response = client.post(reverse("social_send", args=[post.pk]), follow=True)
    assert "character limit of 500 exceeded" in response.content.decode()
    listing = client.get(reverse("wagtailsnippets_social_post:list") + "?status=failed").content.decode()
    assert "character limit of 500 exceeded" in listing and reverse("social_retry", args=[post.pk]) in listing
    client.post(reverse("social_retry", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.SENT and post.deliveries.count() == 2


def test_export_json_csv_and_text(client, channels, press):
    post = make_post(channels["weibo"], press)
    make_post(channels["webhook"])
    client.force_login(press)
    data = json.loads(client.get(reverse("social_export") + "?status=approved").content)
    assert [row["id"] for row in data["posts"]] == [post.pk] and data["posts"][0]["text"] == post.text
    csv_text = client.get(reverse("social_export") + f"?id={post.pk}&format=csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,channel,kind") and post.text in csv_text
    txt = client.get(reverse("social_export") + f"?channel={channels['weibo'].pk}&format=txt").content.decode()
    assert txt.startswith("[官方微博] 节能宣传周") and post.link in txt
    bad = client.get(reverse("social_export") + "?format=pdf")
    assert bad.status_code == 400 and "error" in bad.json()


def test_channel_secrets_are_never_shown_and_kept_when_left_blank(admin_client, channels):
    channel = channels["weibo"]
    url = reverse("wagtailsnippets_social_channel:edit", args=[channel.pk])
    page = admin_client.get(url).content.decode()
    assert "WBSECRET" not in page
    response = admin_client.post(
        url,
        {
            "kind": "weibo",
            "name": "新微博",
            "enabled": "on",
            "base_url": channel.base_url,
            "access_token": "",
            "app_id": "",
            "app_secret": "",
            "signing_secret": "",
        },
    )
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.name == "新微博" and channel.access_token == "WBSECRET"

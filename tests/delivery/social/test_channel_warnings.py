"""The press office is told when a published press conference goes nowhere, and a channel offers only the page types
a visitor can open."""

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from wagtail import hooks

from delivery.social.forms import public_page_types
from delivery.social.models import Channel

pytestmark = pytest.mark.django_db


def test_channel_form_offers_only_public_page_types(admin_client):
    offered = {f"{ct.app_label}.{ct.model}" for ct in public_page_types()}
    assert "press.pressconferencepage" in offered and "news.newspage" in offered
    assert not {"axes.accessattempt", "wagtailcore.page", "auth.user"} & offered
    html = admin_client.get("/admin/snippets/social/channel/add/").content.decode()
    assert "新闻发布会" in html
    assert "Axes" not in html and "登录尝试" not in html


def run_after_publish(page, user):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    for fn in hooks.get_hooks("after_publish_page"):
        fn(request, page)
    return [str(m) for m in get_messages(request)]


def test_publishing_a_press_conference_without_a_channel_warns(site_tree, admin_user):
    Channel.objects.all().delete()
    warnings = run_after_publish(site_tree.conference, admin_user)
    assert any("没有" in w and "新媒体" in w for w in warnings), warnings
    assert not run_after_publish(site_tree.news, admin_user)

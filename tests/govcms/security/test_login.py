"""Login throttling (django-axes) through the real Wagtail and Django admin login views."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def fail_logins(client, url, username, times):
    responses = []
    for _ in range(times):
        responses.append(client.post(url, {"username": username, "password": "wrong-password"}))
    return responses


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_repeated_wrong_passwords_lock_the_account_out_with_a_chinese_message(client, admin_user_password, url):
    user, password = admin_user_password
    limit = settings.AXES_FAILURE_LIMIT
    responses = fail_logins(client, url, user.username, limit - 1)
    assert all(r.status_code == 200 for r in responses)  # the form again, with its ordinary error
    locked = fail_logins(client, url, user.username, 1)[0]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "登录失败次数过多" in html and f"登录失败 {limit} 次" in html and "分钟后再试" in html
    # even the right password is refused while locked out
    response = client.post(url, {"username": user.username, "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=user.username).exists()


def test_correct_login_works_after_the_cool_off(client, admin_user_password):
    user, password = admin_user_password
    fail_logins(client, "/admin/login/", user.username, settings.AXES_FAILURE_LIMIT)
    assert client.post("/admin/login/", {"username": user.username, "password": password}).status_code == 429
    # time passes: the failures are older than the cool-off period
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - datetime.timedelta(minutes=1))
    response = client.post("/admin/login/", {"username": user.username, "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_administrator_can_unlock_with_axes_reset(client, admin_user_password):
    user, password = admin_user_password
    fail_logins(client, "/admin/login/", user.username, settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", user.username)
    response = client.post("/admin/login/", {"username": user.username, "password": password})
    assert response.status_code == 302


def test_lockout_is_per_username_and_address(client, admin_user_password):
    """Another address, or another user from the same address, is not locked out by someone else's failures."""
    user, password = admin_user_password
    fail_logins(client, "/admin/login/", user.username, settings.AXES_FAILURE_LIMIT)
    other = client.post("/admin/login/", {"username": user.username, "password": password}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, admin_user_password):
    user, password = admin_user_password
    fail_logins(client, "/admin/login/", user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert client.post("/admin/login/", {"username": user.username, "password": password}).status_code == 302
    client.logout()
    responses = fail_logins(client, "/admin/login/", user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert all(r.status_code == 200 for r in responses)

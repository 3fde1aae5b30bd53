"""Fixtures for the security tests: the full site tree, an admin client logged in through the real login form."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_user_password(db):
    user = get_user_model().objects.create_superuser("sec-admin", "sec@example.gov.cn", "pw-sec-admin-123")
    return user, "pw-sec-admin-123"


@pytest.fixture
def admin_client_logged_in(client, admin_user_password):
    user, password = admin_user_password
    response = client.post("/admin/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    return client

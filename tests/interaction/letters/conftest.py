"""A small site with a mailbox, staff with the letter roles, and attachments kept in test-artifacts."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, Site

from cms.home.models import HomePage
from interaction.letters.models import MailboxPage, Reply
from interaction.letters.review import Review, letter_source
from tests.factories import publish


@pytest.fixture(autouse=True)
def private_root(settings, empty_cache):
    """Attachments under test-artifacts; rate-limit counters start from nothing in every test; the picture check
    on every form."""
    settings.PRIVATE_MEDIA_ROOT = django_settings.BASE_DIR / "test-artifacts" / "private_media"
    settings.LETTERS_CAPTCHA = "always"  # the tests solve it; test_writing tests the default "after" on its own


@pytest.fixture
def mailbox(db) -> MailboxPage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "省机关事务管理局"}
    )
    return publish(
        home,
        MailboxPage(
            title="局长信箱", slug="jzxx", summary="写信给局长。", intro=[("paragraph", "<p>来信一般在5个工作日内答复。</p>")]
        ),
    )


def user_with(django_user_model, username: str, *perms: str, email: str = ""):
    """A staff user who may use the admin, with the given "app.codename" permissions."""
    user = django_user_model.objects.create_user(username, email or f"{username}@example.gov.cn", "pw")
    group, _ = Group.objects.get_or_create(name=f"group-{username}")
    for perm in ("wagtailadmin.access_admin", *perms):
        app, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user.groups.add(group)
    return django_user_model.objects.get(pk=user.pk)


HANDLER_PERMS = ("letters.view_letter", "letters.change_letter", "privacy.view_personal_data")


@pytest.fixture
def handler(django_user_model):
    return user_with(django_user_model, "handler", *HANDLER_PERMS, email="handler@example.gov.cn")


@pytest.fixture
def reviewer(django_user_model):
    return user_with(django_user_model, "reviewer", "letters.view_letter", "letters.change_letter", "letters.approve_reply")


@pytest.fixture
def clerk(django_user_model):
    """May handle letters but not see the writer's personal data."""
    return user_with(django_user_model, "clerk", "letters.view_letter", "letters.change_letter")


def preview_form(html: str) -> dict:
    """The preview form's values as the browser would send them untouched: the digests and the checked spans."""
    return {
        "source": re.search(r'name="source" value="([^"]+)"', html).group(1),
        "reviewed": re.search(r'name="reviewed" value="([^"]+)"', html).group(1),
        "hide": re.findall(r'name="hide" value="([^"]+)" checked', html),
        "extra": "",
    }


def confirm_in_preview(client, letter, **changes):
    """Open the letter's preview, make the `changes` to the form and show the result (as the reviewer does before
    confirming), then publish the text shown."""
    url = f"/admin/letters/preview/{letter.pk}/"
    page = client.get(url)
    assert page.status_code == 200, page.content.decode()[-3000:]
    data = {**preview_form(page.content.decode()), **changes}
    if changes:
        shown = client.post(url, {**data, "action": "preview"})
        assert shown.status_code == 200, shown.content.decode()[-3000:]
        data = {**data, "reviewed": preview_form(shown.content.decode())["reviewed"]}
    return client.post(url, {**data, "action": "publish"}, follow=True)


def confirmation_for(letter):
    """The reviewer's confirmation of the public text exactly as the preview first shows it (for workflow calls)."""
    review = Review(letter_source(letter, Reply.objects.filter(letter=letter).first()))
    return review.confirm(review.source_digest, review.reviewed_digest)

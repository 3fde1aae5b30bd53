"""One small site with both intake pages (the mailbox at /jzxx/, the disclosure-request page at /ysqgk/); the error
report form needs none. Counters start from nothing; attachments go to test-artifacts."""

import pytest
from django.conf import settings as django_settings
from wagtail.models import Page, Site

from cms.home.models import HomePage
from interaction.disclosure_requests.models import DisclosureRequestPage
from interaction.letters.models import MailboxPage
from tests.factories import publish


@pytest.fixture(autouse=True)
def clean_start(settings, empty_cache):
    settings.PRIVATE_MEDIA_ROOT = django_settings.BASE_DIR / "test-artifacts" / "private_media"
    settings.LETTERS_CAPTCHA = "never"  # test_submissions tests the default "after" on its own


@pytest.fixture
def pages(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "省机关事务管理局"}
    )
    mailbox = publish(home, MailboxPage(title="局长信箱", slug="jzxx", summary="写信给局长。"))
    request_page = publish(home, DisclosureRequestPage(title="依申请公开", slug="ysqgk", summary="如何申请公开政府信息"))
    return mailbox, request_page

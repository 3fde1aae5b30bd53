"""The one "published content changed" path (cms/core/changes.py): which changes send content_changed, with which
sender, and move the one generation; and that no receiver of ours listens to every model's saves."""

import pytest
from django.contrib.sessions.models import Session
from django.db.models.signals import post_delete, post_save, pre_save
from django.test import Client
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from cms.core import changes
from cms.core.models import SiteIdentity
from cms.policy.models import PolicyPage
from cms.taxonomy.models import Organ
from interaction.letters.models import Letter, LetterCategory, MailboxPage
from tests.factories import make_image

OUR_PACKAGES = ("cms.", "search.", "delivery.", "interaction.", "themes.", "govcms.", "fixtures.")


@pytest.fixture
def sent():
    """Every content_changed sent during the test, as (sender, generation right after)."""
    record = []

    def receiver(sender, **kwargs):
        record.append((sender, changes.current()))

    changes.content_changed.connect(receiver, dispatch_uid="test_changes_record")  # after the bump: it was first
    yield record
    changes.content_changed.disconnect(dispatch_uid="test_changes_record")


def test_one_publish_sends_once_and_moves_the_generation_once(site_tree, sent):
    before = changes.current()
    page = site_tree.policy
    page.body = "<p>一次发布。</p>"
    page.save_revision().publish()
    assert [sender for sender, _ in sent] == [PolicyPage]
    assert changes.current() == sent[0][1] > before  # moved by that one send, and by nothing else


def test_unpublish_move_and_delete_each_send_once(site_tree, sent):
    site_tree.policy.unpublish()
    assert len(sent) == 1
    site_tree.news.move(site_tree.home, pos="last-child")
    assert len(sent) == 2
    site_tree.report.delete()  # a live page: Wagtail unpublishes it first
    assert len(sent) == 3 and sent[-1][0] is type(site_tree.report)


def test_a_snippet_save_sends_with_its_class_and_moves_the_generation(site_tree, sent):
    before = changes.current()
    site_tree.organ.name = "湖南省机关事务管理局（更名）"
    site_tree.organ.save()
    assert [sender for sender, _ in sent] == [Organ]
    assert changes.current() > before


def test_settings_made_on_first_read_and_media_bookkeeping_do_not_move_it(site_tree, sent):
    site = Site.objects.get(is_default_site=True)
    SiteIdentity.objects.filter(site=site).delete()
    sent.clear()
    before = changes.current()
    SiteIdentity.for_site(site)  # created with its defaults
    image = make_image()
    moved_by_upload = changes.current()
    assert moved_by_upload > before and [sender for sender, _ in sent] == [Image]
    image.file_size = 123
    image.save(update_fields=["file_size"])
    assert changes.current() == moved_by_upload


def test_unrelated_saves_and_a_login_leave_the_generation_alone(site_tree, sent, django_user_model):
    before = changes.current()
    category = LetterCategory.objects.create(name="咨询（测试）")
    Letter.objects.create(writer_name="张三", category=category, subject="咨询", message="请问？")
    django_user_model.objects.create_user("reader", password="pw")
    assert Client().login(username="reader", password="pw")  # saves last_login and a session
    assert sent == [] and changes.current() == before


def _receivers_of_ours(signal, sender) -> list[str]:
    sync, asynchronous = signal._live_receivers(sender)
    return [
        f"{receiver.__module__}.{receiver.__qualname__}"
        for receiver in [*sync, *asynchronous]
        if (getattr(receiver, "__module__", "") or "").startswith(OUR_PACKAGES)
    ]


@pytest.mark.parametrize("signal", [pre_save, post_save, post_delete], ids=["pre_save", "post_save", "post_delete"])
def test_no_receiver_of_ours_listens_to_every_model(signal, django_user_model):
    for model in (Session, django_user_model, LetterCategory):
        assert _receivers_of_ours(signal, model) == [], model


def test_sanitising_is_connected_for_the_models_with_html_and_revisions():
    assert "govcms.security.signals.sanitise_before_save" in _receivers_of_ours(pre_save, PolicyPage)
    assert "govcms.security.signals.sanitise_before_save" in _receivers_of_ours(pre_save, MailboxPage)
    assert "govcms.security.signals.sanitise_revision" in _receivers_of_ours(pre_save, Revision)
    assert "govcms.security.signals.sanitise_before_save" not in _receivers_of_ours(pre_save, Letter)


def test_search_listens_to_pages_and_the_snippets_it_indexes():
    assert "search.signals.on_delete" in _receivers_of_ours(post_delete, Page)
    assert "search.signals.on_organ_or_topic_changed" in _receivers_of_ours(post_save, Organ)
    assert "search.signals.on_delete" not in _receivers_of_ours(post_delete, Letter)

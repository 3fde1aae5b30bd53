"""Signal receivers that queue index changes: publish, unpublish, move, delete, privacy, documents, organs, synonyms."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search.models import SearchEntry, SynonymRule
from search.queue import enqueue


def _with_descendants(page: Page) -> list[int]:
    return list(Page.objects.filter(path__startswith=page.path, depth__gte=page.depth).values_list("pk", flat=True))


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    entry = SearchEntry.objects.filter(page_id=instance.pk).values_list("url", flat=True).first()
    if entry is not None and entry == instance.get_url():
        enqueue([instance.pk], "published")
    else:  # first publication or a new address: the pages below have new addresses too
        enqueue(_with_descendants(instance), "published")


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    enqueue([instance.pk], "unpublished")


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, **kwargs):
    enqueue(_with_descendants(instance), "slug changed")


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    enqueue(_with_descendants(instance), "moved")


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        enqueue([instance.pk], "deleted")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    enqueue(_with_descendants(page), "privacy")


def _pages_with_document(document_id: int) -> list[int]:
    from cms.disclosure.models import DisclosureAttachment

    return list(DisclosureAttachment.objects.filter(document_id=document_id).values_list("page_id", flat=True))


@receiver(post_save, sender=get_document_model())
def on_document_saved(sender, instance, **kwargs):
    enqueue(_pages_with_document(instance.pk), "document")


@receiver(pre_delete, sender=get_document_model())
def on_document_deleted(sender, instance, **kwargs):
    enqueue(_pages_with_document(instance.pk), "document deleted")


def _organ_or_topic_changed(sender, instance, **kwargs):
    from cms.disclosure.models import DisclosureItemPage

    field = "organ" if sender.__name__ == "Organ" else "topic"
    enqueue(DisclosureItemPage.objects.live().filter(**{field: instance}).values_list("pk", flat=True), "taxonomy")


def connect_taxonomy():
    from cms.taxonomy.models import Organ, Topic

    post_save.connect(_organ_or_topic_changed, sender=Organ, dispatch_uid="sitesearch_organ")
    post_save.connect(_organ_or_topic_changed, sender=Topic, dispatch_uid="sitesearch_topic")


@receiver(post_save, sender=SynonymRule)
@receiver(post_delete, sender=SynonymRule)
def on_synonyms(sender, **kwargs):
    from search import engines, synonyms

    synonyms.forget()

    def reload():
        import logging

        for engine in engines.active_engines():
            try:
                engine.synonyms_changed()
            except Exception as exc:  # the rules are kept in the database; `search_status --reload-synonyms` retries
                logging.getLogger("sitesearch").warning("search: %s could not reload synonyms: %s", engine.name, exc)

    transaction.on_commit(reload)

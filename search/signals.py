"""Signal receivers that queue index changes (publish, unpublish, move, delete, privacy, documents, organs, synonyms),
and forget cached synonyms and best bets when editors change them."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.disclosure.models import DisclosureAttachment, DisclosureItemPage
from cms.taxonomy.models import Organ, Topic
from search import bestbets, engines, synonyms, vocabulary
from search.models import BestBet, SearchEntry, SynonymRule
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


@receiver(post_delete, sender=Page)  # deleting any specific page deletes its Page row, sent with sender=Page
def on_delete(sender, instance, **kwargs):
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
    return list(DisclosureAttachment.objects.filter(document_id=document_id).values_list("page_id", flat=True))


@receiver(post_save, sender=get_document_model())
def on_document_saved(sender, instance, **kwargs):
    enqueue(_pages_with_document(instance.pk), "document")


@receiver(pre_delete, sender=get_document_model())
def on_document_deleted(sender, instance, **kwargs):
    enqueue(_pages_with_document(instance.pk), "document deleted")


@receiver(post_save, sender=Organ, dispatch_uid="sitesearch_organ")
@receiver(post_save, sender=Topic, dispatch_uid="sitesearch_topic")
def on_organ_or_topic_changed(sender, instance, **kwargs):
    field = "organ" if sender is Organ else "topic"
    enqueue(DisclosureItemPage.objects.live().filter(**{field: instance}).values_list("pk", flat=True), "taxonomy")


@receiver(post_save, sender=SynonymRule)
@receiver(post_delete, sender=SynonymRule)
def on_synonyms(sender, **kwargs):
    synonyms.forget()
    vocabulary.forget()

    def reload():
        for engine in engines.active_engines():
            try:
                engine.synonyms_changed()
            except Exception as exc:  # the rules are kept in the database; `search_status --reload-synonyms` retries
                logging.getLogger("sitesearch").warning("search: %s could not reload synonyms: %s", engine.name, exc)

    transaction.on_commit(reload)


@receiver(post_save, sender=BestBet)
@receiver(post_delete, sender=BestBet)
def on_best_bets(sender, **kwargs):
    bestbets.forget()

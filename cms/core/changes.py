"""One signal and one generation for "published content changed": every cache of public output (page cache, feeds,
API ETags, the search facet table) reads the generation; publishing, unpublishing, moving or deleting a page and
saving a watched snippet or medium send `content_changed` (sender: the changed model class), which moves it."""

from __future__ import annotations

import secrets

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.models import Generation

# Sent with sender=the model class whose published content changed (or, from the search queue, the engine's class).
content_changed = Signal()

# Snippets, settings and media a public page, feed or API answer shows; a setting CONTENT_CHANGED_MODELS replaces it.
WATCHED_MODELS = [
    "taxonomy.Organ",
    "taxonomy.Topic",
    "taxonomy.Genre",
    "core.SiteIdentity",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Site",
    "wagtailredirects.Redirect",
    "wagtailcore.PageViewRestriction",
]
# Fields Wagtail fills in on first read of a document or image (its size and hash): saving them changes nothing shown.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})
# Each bump adds a random step: the value only grows, and a bump rolled back with its transaction leaves a number
# that a later, different bump reaches only by a 1-in-2³² chance (the search facet table relies on that).
STEP_BITS = 32

_table_ready = False


def current() -> int:
    """The content generation. Read on every page-cache hit, so in plain SQL: the ORM's query building cost more
    than the rest of a hit."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(Generation._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump() -> None:
    """Move the generation on, inside the caller's transaction (readers see the new value when it commits)."""
    global _table_ready
    if not _table_ready:  # during migrations, before the table exists, there is nothing cached yet
        _table_ready = Generation._meta.db_table in connection.introspection.table_names()
        if not _table_ready:
            return
    step = secrets.randbits(STEP_BITS) + 1
    if not Generation.objects.filter(pk=1).update(value=F("value") + step):
        Generation.objects.get_or_create(pk=1, defaults={"value": step})


def _bump_on_change(sender, **kwargs) -> None:
    bump()


def _page_changed(sender, instance, **kwargs) -> None:
    content_changed.send(sender=sender, instance=instance)  # Wagtail sends its page signals with the specific class


def _model_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting):
        return  # a settings row made with its defaults on first read changes nothing a page showed
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    content_changed.send(sender=sender, instance=instance)


def watched_models() -> list[type]:
    """The watched models that are installed, with their subclasses (a custom image model, a proxy)."""
    roots = []
    for label in getattr(settings, "CONTENT_CHANGED_MODELS", WATCHED_MODELS):
        try:
            roots.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return [model for model in apps.get_models() if any(issubclass(model, root) for root in roots)]


def connect() -> None:
    """Called from CoreConfig.ready(): the senders of content_changed, and the one receiver that moves the generation."""
    content_changed.connect(_bump_on_change, dispatch_uid="core_content_changed_bump")
    page_published.connect(_page_changed, dispatch_uid="core_content_changed_published")
    page_unpublished.connect(_page_changed, dispatch_uid="core_content_changed_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="core_content_changed_moved")
    # A live page that is deleted is unpublished first (Wagtail's pre_delete handler): page_unpublished covers it,
    # and deleting a page that was not live changes nothing public.
    for model in watched_models():
        label = model._meta.label_lower
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"core_content_changed_saved_{label}")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"core_content_changed_deleted_{label}")

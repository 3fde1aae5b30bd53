"""Bumps the generation on every change a public page may show: publish, unpublish, delete, move, snippets, media."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.queue import index_changed

from .models import Generation

DEFAULT_MODELS = [
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


def bump(**kwargs) -> None:
    Generation.bump()


page_published.connect(bump, dispatch_uid="pagecache_published")
page_unpublished.connect(bump, dispatch_uid="pagecache_unpublished")
post_page_move.connect(bump, dispatch_uid="pagecache_moved")
post_delete.connect(bump, sender=Page, dispatch_uid="pagecache_page_deleted")
index_changed.connect(bump, dispatch_uid="pagecache_search_index_changed")  # cached search results are stale


# Fields Wagtail fills in on first read of a document or image (its size and hash): saving them changes nothing shown.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def _bump_for_model(sender, **kwargs) -> None:
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting):
        return  # a settings row made with its defaults on first read changes nothing a page showed
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    label = sender._meta.label_lower
    if label in _watched or any(issubclass(sender, m) for m in _watched_models):
        Generation.bump()


_labels = getattr(settings, "PAGECACHE_INVALIDATING_MODELS", DEFAULT_MODELS)
_watched: set[str] = set()
_watched_models: list[type] = []
for _label in _labels:
    try:
        _model = apps.get_model(_label)
    except (LookupError, ValueError):
        continue
    _watched.add(_model._meta.label_lower)
    _watched_models.append(_model)
post_save.connect(_bump_for_model, dispatch_uid="pagecache_model_saved")
post_delete.connect(_bump_for_model, dispatch_uid="pagecache_model_deleted")

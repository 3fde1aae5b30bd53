"""Sanitises HTML before each save of a model with rich text or stream fields (pages, snippets) and of page
revisions (drafts); connected per model by SecurityConfig.ready()."""

from django.apps import apps
from django.db.models.signals import pre_save
from wagtail.models import Revision

from govcms.security.html import clean_instance, clean_serialised, html_fields


def sanitise_revision(sender, instance, raw=False, **kwargs) -> None:
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is not None and isinstance(instance.content, dict):
        clean_serialised(model, instance.content)


def sanitise_before_save(sender, instance, raw=False, **kwargs) -> None:
    clean_instance(instance)


def sanitised_models() -> list[type]:
    """The installed models with a field that holds HTML (proxies included: a proxy's save sends its own class)."""
    return [model for model in apps.get_models() if html_fields(model)]


def connect() -> None:
    pre_save.connect(sanitise_revision, sender=Revision, dispatch_uid="security_sanitise_revision")
    for model in sanitised_models():
        pre_save.connect(sanitise_before_save, sender=model, dispatch_uid=f"security_sanitise_{model._meta.label_lower}")

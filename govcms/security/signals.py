"""Sanitises HTML on every save: pages, snippets and any model with rich text, and page revisions (drafts)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Revision

from govcms.security.html import clean_instance, clean_serialised, html_fields


@receiver(pre_save, dispatch_uid="security_sanitise_html")
def sanitise_before_save(sender, instance, raw=False, **kwargs) -> None:
    if sender is Revision:
        model = instance.content_type.model_class() if instance.content_type_id else None
        if model is not None and isinstance(instance.content, dict):
            clean_serialised(model, instance.content)
        return
    if not html_fields(sender):
        return
    clean_instance(instance)

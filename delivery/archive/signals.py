"""Every publication (from the editor, a workflow approval, a bulk action or a scheduled go-live) is queued for the
web archive in the publishing transaction; `manage.py archive_pages` (a periodic job) archives it."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import Pending


@receiver(page_published)
def queue_published_version(sender, instance, revision=None, **kwargs):
    Pending.objects.create(page_id=instance.pk, revision_id=revision.pk if revision else None)

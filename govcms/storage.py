"""Where files sent by visitors with their personal data are kept (letter attachments, identity proofs): under
PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server ever serves them and they have no URL; the admin streams
them to staff allowed to see personal data. The setting is read at each use, so tests can point it elsewhere."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_root() -> str:
    """PRIVATE_MEDIA_ROOT, or private_media/ beside MEDIA_ROOT."""
    return str(getattr(settings, "PRIVATE_MEDIA_ROOT", None) or Path(settings.MEDIA_ROOT).parent / "private_media")


@deconstructible
class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no URL")


private_storage = PrivateStorage()

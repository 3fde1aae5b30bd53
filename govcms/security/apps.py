"""App config: connects the sanitising signals when Django starts."""

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class SecurityConfig(AppConfig):
    name = "govcms.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from govcms.security import signals  # imports models: only once the app registry is ready

        signals.connect()

        # Pillow refuses (DecompressionBombError) at twice this; Wagtail's form refuses at the limit itself.
        Image.MAX_IMAGE_PIXELS = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)

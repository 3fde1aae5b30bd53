"""App config: connects the sanitising signals when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "govcms.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        from govcms.security import signals  # noqa: F401

        # Pillow refuses (DecompressionBombError) at twice this; Wagtail's form refuses at the limit itself.
        Image.MAX_IMAGE_PIXELS = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)

"""The log of every time a member of staff saw a visitor's personal data, and the permission to see it."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataView(models.Model):
    viewed_at = models.DateTimeField(_("viewed at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(_("record number"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=60, help_text=_("What the data was shown for"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        permissions = [("view_personal_data", _("Can see visitors' personal data"))]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.user} · {self.object_repr} · {self.action}"

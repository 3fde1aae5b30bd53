"""A business system allowed to call the site's APIs, its tokens (only a hash is kept) and the log of every call.

Apps declare the scopes their APIs need with the Wagtail hook `register_integration_scopes` (a function returning
`[(scope, label), …]`); staff give a system the scopes it may use."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "gcs_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class System(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("A short Latin name, e.g. bgyf."))
    description = models.TextField(_("description"), blank=True)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True, help_text=_("A disabled system's tokens are refused."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("business system")
        verbose_name_plural = _("business systems")

    def __str__(self) -> str:
        return self.name

    def issue_token(self, user=None) -> str:
        """A new token for this system; the raw value is returned once and never stored."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        Token.objects.create(system=self, key_prefix=raw[:12], key_hash=hash_token(raw), created_by=user)
        return raw


class Token(models.Model):
    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("system"))
    key_prefix = models.CharField(_("beginning"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.system} · {self.key_prefix}…"

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class Call(models.Model):
    """One call to a system API, kept for the security rules' log retention (at least a year)."""

    system = models.ForeignKey(System, null=True, on_delete=models.SET_NULL, related_name="calls", verbose_name=_("system"))
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    scope = models.CharField(_("scope"), max_length=60, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"

"""A unit the bureau serves (a provincial department, a public institution …) and its contact people, each a
Django user without admin access who signs in on the public site (/units/login/) to act for the unit.

Other apps ask `unit_of(user)` for the unit a signed-in visitor acts for; a disabled unit or member acts for none."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    class Kind(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial department (省直单位)")
        INSTITUTION = "institution", _("Public institution")
        CITY = "city", _("City or county body")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        help_text=_("The 18-character 统一社会信用代码, if the unit has one."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROVINCIAL)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True, help_text=_("A disabled unit's people can no longer sign in."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("applicant unit")
        verbose_name_plural = _("applicant units")

    def __str__(self) -> str:
        return self.name


class UnitMember(models.Model):
    """A contact person of a unit: one Django user, never staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_member", verbose_name=_("login")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="members", verbose_name=_("unit"))
    full_name = models.CharField(_("full name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.CharField(_("position"), max_length=60, blank=True)

    class Meta:
        ordering = ["unit__name", "full_name"]
        verbose_name = _("unit contact person")
        verbose_name_plural = _("unit contact people")

    def __str__(self) -> str:
        return f"{self.full_name}（{self.unit}）"

    @property
    def active(self) -> bool:
        return self.user.is_active and self.unit.active


def unit_of(user) -> Unit | None:
    """The active unit a signed-in user acts for, or None (anonymous, staff, disabled member or unit)."""
    if not getattr(user, "is_authenticated", False):
        return None
    member = UnitMember.objects.select_related("unit").filter(user=user).first()
    if member is None or not user.is_active or not member.unit.active:
        return None
    return member.unit

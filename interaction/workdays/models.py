"""Days an administrator enters by hand (the State Council's holiday schedule for a year the bundled calendar does
not know yet, or a local change: an extra day off, a make-up working Saturday), and the confirmation that a year's
notice is entered whole (HolidayNotice)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bundled import bundled_years


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off (holiday)")
        WORKDAY = "workday", _("Working day (make-up day)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("For example 春节 or 国庆节调休上班"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()


class HolidayNotice(models.Model):
    """The State Council's notice of a year's holidays (国务院办公厅关于某年部分节假日安排的通知), confirmed by staff once
    its days are entered: until then the year's calendar stays provisional (see calendar.py)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    reference = models.CharField(
        _("notice reference"), max_length=60, help_text=_("The notice's document number, for example 国办发明电〔2026〕7号")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")

    def __str__(self) -> str:
        return f"{self.year} {self.reference}"

    def clean(self) -> None:
        if self.year is None:
            return
        if self.year in bundled_years():
            message = _("The holidays of %(year)d ship with the calendar package: there is nothing to confirm.")
            raise ValidationError({"year": message % {"year": self.year}})
        if not CalendarDay.objects.filter(date__year=self.year).exists():
            raise ValidationError(
                {
                    "year": _(
                        "No day of %(year)d is entered yet: enter the notice's holidays and make-up working days under "
                        "Working-day calendar first, then confirm it."
                    )
                    % {"year": self.year}
                }
            )

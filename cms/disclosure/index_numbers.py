"""Index numbers (索引号): format, validation and allocation of the next number for an organ and year.

An index number is the organ's code, a slash, the year, a hyphen and a five-digit sequence:
11430000006220052X/2016-00015. It is allocated once, on first publication, and never changes.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

INDEX_NUMBER_RE = re.compile(r"^[0-9A-Za-z]{6,20}/\d{4}-\d{3,6}$")


def validate_index_number(value: str) -> None:
    if not INDEX_NUMBER_RE.match(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid index number: use the organ code, a slash, the year, a hyphen "
                "and a sequence, e.g. 11430000006220052X/2016-00015."
            ),
            params={"value": value},
            code="invalid_index_number",
        )


def format_index_number(organ_code: str, year: int, sequence: int) -> str:
    return f"{organ_code}/{year}-{sequence:05d}"


class IndexSequence(models.Model):
    """The last sequence number used for an organ in a year."""

    organ = models.ForeignKey("taxonomy.Organ", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organ", "year"], name="unique_index_sequence")]
        verbose_name = _("index number sequence")

    @classmethod
    def allocate(cls, organ, year: int, taken=None) -> str:
        """Return the next free index number for organ and year, skipping numbers already in use.

        `taken(number) -> bool` says whether a number is used already (for example by an item
        imported with its legacy index number).
        """
        with transaction.atomic():
            try:
                cls.objects.get_or_create(organ=organ, year=year)
            except IntegrityError:  # created concurrently: fine, it exists now
                pass
            seq = cls.objects.select_for_update().get(organ=organ, year=year)
            while True:
                seq.last += 1
                number = format_index_number(organ.code, year, seq.last)
                if taken is None or not taken(number):
                    break
            seq.save(update_fields=["last"])
        return number

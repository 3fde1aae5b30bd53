"""Checks of what an applicant types: identity card (check digit, birth date), unified social credit code, phone
and postcode, each with a Chinese message that says what is wrong."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?$")
POSTCODE = re.compile(r"^\d{6}$")
OTHER_ID = re.compile(r"^[A-Za-z0-9()（）\-]{5,30}$")


def normalise_phone(value: str) -> str:
    """Phone as stored and compared: no spaces, full-width digits made ASCII, hyphens kept only for landlines."""
    value = (value or "").translate(str.maketrans("０１２３４５６７８９－＋", "0123456789-+"))
    value = re.sub(r"[\s()（）]", "", value)
    if MOBILE.match(value.replace("-", "")):
        value = value.replace("-", "")
        return value[-11:]
    return value


def validate_phone(value: str) -> None:
    if not (MOBILE.match(value) or LANDLINE.match(value)):
        raise ValidationError(
            _("Enter an 11-digit mobile number or a landline with its area code, such as 0731-82219012."), code="phone"
        )


def validate_postcode(value: str) -> None:
    if not POSTCODE.match(value or ""):
        raise ValidationError(_("A postcode is 6 digits, such as 410011."), code="postcode")


def validate_id_card(value: str) -> str:
    """An 18-digit resident identity card number, its birth date and check digit; returns it compacted."""
    try:
        return ric.validate(value)
    except InvalidLength:
        raise ValidationError(_("A resident identity card number has 18 characters."), code="id_length") from None
    except InvalidFormat:
        raise ValidationError(
            _("A resident identity card number is 17 digits followed by a digit or X."), code="id_format"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("The last character (check digit) of this identity card number is wrong; please check the number."),
            code="id_checksum",
        ) from None
    except (InvalidComponent, StdnumError):
        raise ValidationError(
            _("This identity card number has an invalid region code or birth date."), code="id_component"
        ) from None


def validate_other_id(value: str) -> None:
    if not OTHER_ID.match(value or ""):
        raise ValidationError(_("Enter the document number as printed: 5 to 30 letters and digits."), code="id_other")


def validate_credit_code(value: str) -> str:
    """An 18-character unified social credit code (统一社会信用代码) with its check character; returns it compacted."""
    try:
        return uscc.validate(value)
    except InvalidLength:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="uscc_length") from None
    except InvalidChecksum:
        raise ValidationError(
            _("The last character (check character) of this unified social credit code is wrong; please check the code."),
            code="uscc_checksum",
        ) from None
    except (InvalidFormat, InvalidComponent, StdnumError):
        raise ValidationError(
            _(
                "A unified social credit code is 18 digits and capital letters (not I, O, S, V or "
                "Z), as printed on the business licence."
            ),
            code="uscc_format",
        ) from None

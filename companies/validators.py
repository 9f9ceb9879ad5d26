"""Validators for Mexican identifiers, built on python-stdnum (format, date and SAT check digit)."""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.mx import rfc as stdnum_rfc

RFC_LENGTHS = {12: "legal entity", 13: "person"}


def normalize_rfc(value: str) -> str:
    return stdnum_rfc.compact(value or "")


def _has_valid_date(number: str) -> bool:
    """Whether the YYMMDD before the homoclave is a real day (stdnum reads it as 20YY too)."""
    digits = number[-9:-3]
    try:
        datetime.date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return False
    return True


def validate_rfc(value: str) -> None:
    """An RFC of 12 characters (legal entity) or 13 (person) with a valid date and check digit."""
    number = normalize_rfc(value)
    if len(number) not in RFC_LENGTHS:
        raise ValidationError(
            _("An RFC has 12 characters (company) or 13 (person); %(value)s has %(length)d."),
            code="rfc_length",
            params={"value": value, "length": len(number)},
        )
    try:
        stdnum_rfc.validate(number, validate_check_digits=True)
    except stdnum_errors.InvalidChecksum as error:
        raise ValidationError(
            _("The RFC %(value)s has a wrong check digit (homoclave verifier)."),
            code="rfc_checksum",
            params={"value": value},
        ) from error
    except stdnum_errors.InvalidComponent as error:
        # stdnum also says "invalid component" for a homoclave SAT never assigns or a barred
        # word; telling those people their date is wrong would send them looking in vain.
        if _has_valid_date(number):
            raise _format_error(value) from error
        raise ValidationError(
            _("The RFC %(value)s does not contain a valid date (YYMMDD)."),
            code="rfc_date",
            params={"value": value},
        ) from error
    except stdnum_errors.ValidationError as error:
        raise _format_error(value) from error


def _format_error(value: str) -> ValidationError:
    return ValidationError(
        _(
            "%(value)s is not a valid RFC: expected 3-4 letters, a date and a 3-character homoclave."
        ),
        code="rfc_format",
        params={"value": value},
    )


def validate_single_line(value: str) -> None:
    """A name is one line of printable text: a line break or another control character in an
    organisation's name would end up in email headers (an invitation's subject) and pages."""
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise ValidationError(
            _("Use one line of text, without line breaks or control characters."),
            code="single_line",
        )

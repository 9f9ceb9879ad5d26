"""Validators for Canadian identifiers (python-stdnum)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.ca import bn as stdnum_bn


def validate_business_number(value: str) -> None:
    """A 9-digit Canadian business number with a valid (Luhn) check digit."""
    number = stdnum_bn.compact(value or "")
    if len(number) != 9 or not number.isdigit():
        raise ValidationError(
            _("A Canadian business number has exactly 9 digits."), code="bn_format"
        )
    try:
        stdnum_bn.validate(number)
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            _("The business number %(value)s has a wrong check digit."),
            code="bn_checksum",
            params={"value": value},
        ) from error

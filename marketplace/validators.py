"""Validators of vendors' fields: Canadian identifiers (python-stdnum), names and addresses."""

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


# Words a vendor's address cannot be: the directory's own pages under /vendors/ (marketplace/urls.py).
RESERVED_VENDOR_SLUGS = frozenset({"compare"})


def validate_vendor_slug(value: str) -> None:
    """A vendor's profile at /vendors/<slug>/ must not hide one of the directory's pages."""
    if value in RESERVED_VENDOR_SLUGS:
        raise ValidationError(
            _("“%(value)s” is the address of one of the directory's pages; choose another."),
            code="reserved",
            params={"value": value},
        )


# What would make a name markup if a page ever forgot to escape it; no company name needs them.
MARKUP_CHARACTERS = frozenset("<>")


def validate_no_markup(value: str) -> None:
    """A name is a name: no `<` or `>` (pages escape them anyway; emails, exports and other
    systems reading the API may not)."""
    found = sorted(MARKUP_CHARACTERS.intersection(value))
    if found:
        raise ValidationError(
            _("Use a name without %(characters)s."),
            code="markup",
            params={"characters": " ".join(found)},
        )

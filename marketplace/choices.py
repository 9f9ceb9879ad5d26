"""Choices shared by vendors and requests: provinces, languages, currencies."""

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.choices import subdivision_name

CANADIAN_PROVINCES: list[tuple[str, str]] = sorted(
    (
        (s.code.removeprefix("CA-"), subdivision_name(s.name))
        for s in pycountry.subdivisions.get(country_code="CA")
    ),
    key=lambda pair: pair[0],
)


class Language(models.TextChoices):
    """Working languages on the marketplace (ISO 639-1)."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")


class Currency(models.TextChoices):
    MXN = "MXN", _("Mexican peso")
    CAD = "CAD", _("Canadian dollar")
    USD = "USD", _("US dollar")


# Vendor rates are always quoted in Canadian dollars.
VENDOR_RATE_CURRENCY = Currency.CAD

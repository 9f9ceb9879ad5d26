"""Choices shared by vendors and requests: provinces, languages, currencies."""

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


# Spanish and French write a language's name in lower case inside a sentence ("en inglés",
# "en anglais"), where the choices' labels above are capitalised for lists and menus.
LANGUAGE_NAMES_IN_A_SENTENCE = {
    Language.EN: pgettext_lazy("a language's name inside a sentence", "English"),
    Language.FR: pgettext_lazy("a language's name inside a sentence", "French"),
    Language.ES: pgettext_lazy("a language's name inside a sentence", "Spanish"),
}


def language_name_in_sentence(code: str) -> str:
    """A working language's name in the reader's language, as it reads inside a sentence."""
    return str(LANGUAGE_NAMES_IN_A_SENTENCE[code])


class Currency(models.TextChoices):
    MXN = "MXN", _("Mexican peso")
    CAD = "CAD", _("Canadian dollar")
    USD = "USD", _("US dollar")


# Vendor rates are always quoted in Canadian dollars.
VENDOR_RATE_CURRENCY = Currency.CAD
# Companies on Norte are Mexican: a new request's budget starts in pesos; they may pick another.
REQUEST_INITIAL_CURRENCY = Currency.MXN

"""Choices for organisations: Mexican states (ISO 3166-2:MX codes without the `MX-` prefix; names
from pycountry, in the reader's language) and membership roles."""

import gettext
from functools import cache

import pycountry
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _


@cache
def _subdivision_catalog(locale: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def _subdivision_name(name: str) -> str:
    language = get_language()
    if language is None or language.startswith("en"):
        return name
    return _subdivision_catalog(to_locale(language)).gettext(name)


# Names follow the reader's language through the iso-codes catalogs pycountry ships ("Québec",
# "Columbia Británica"); outside a request (migrations) they stay English, so choices are stable.
subdivision_name = lazy(_subdivision_name, str)

MEXICAN_STATES: list[tuple[str, str]] = [
    (code, subdivision_name(name))
    for code, name in sorted(
        (
            (s.code.removeprefix("MX-"), s.name)
            for s in pycountry.subdivisions.get(country_code="MX")
        ),
        key=lambda pair: pair[1],
    )
]


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")

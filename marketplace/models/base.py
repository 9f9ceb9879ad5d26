"""Abstract pieces shared by marketplace models."""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.choices import Language

LANGUAGE_CODES: tuple[str, ...] = tuple(Language.values)


class TranslatedName(models.Model):
    """An English `name` with optional Spanish and French names that fall back to it."""

    name = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active UI language (es-mx → name_es, fr-ca → name_fr)."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name

    @staticmethod
    def display_name_order():
        """An `order_by()` expression sorting rows by `display_name`, as the reader sees them."""
        language = (get_language() or "en")[:2]
        if language in ("es", "fr"):
            return Coalesce(NullIf(f"name_{language}", Value("")), "name")
        return F("name")


class SpeaksLanguages(models.Model):
    """Working languages as one boolean column each.

    Columns (rather than a JSON list) keep the language filter and the matching pre-filter a
    plain indexed `OR` on every database, SQLite included. `languages` is the list view of them
    that forms, the API and the matching core use.
    """

    speaks_en = models.BooleanField(_("English"), default=False)
    speaks_fr = models.BooleanField(_("French"), default=False)
    speaks_es = models.BooleanField(_("Spanish"), default=False)

    class Meta:
        abstract = True

    @property
    def languages(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if getattr(self, f"speaks_{code}")]

    @languages.setter
    def languages(self, codes) -> None:
        for field, value in self.language_flags(codes).items():
            setattr(self, field, value)

    @property
    def language_names(self) -> list[str]:
        """The working languages' names in the reader's language."""
        names = dict(Language.choices)
        return [str(names[code]) for code in self.languages]

    @staticmethod
    def language_flags(codes) -> dict[str, bool]:
        """`["en", "es"]` → `{"speaks_en": True, "speaks_fr": False, "speaks_es": True}`."""
        unknown = set(codes) - set(LANGUAGE_CODES)
        if unknown:
            raise ValueError(f"Unknown language codes: {sorted(unknown)}")
        return {f"speaks_{code}": code in codes for code in LANGUAGE_CODES}

    LANGUAGE_FIELDS = tuple(f"speaks_{code}" for code in LANGUAGE_CODES)

    @staticmethod
    def speaks_any_q(codes) -> Q:
        """A filter for rows that speak at least one of `codes`."""
        condition = Q(pk__in=[])
        for code in codes:
            condition |= Q(**{f"speaks_{code}": True})
        return condition

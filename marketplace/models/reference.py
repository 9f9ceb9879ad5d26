"""Reference data curated by staff: sectors and how they relate, skills, certifications, rates."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from companies.models import TimeStampedModel
from marketplace.choices import Currency
from marketplace.matching.text import phrase_keys, tokens

from .base import TranslatedName


class Sector(TranslatedName, TimeStampedModel):
    """A market sector such as `igaming` or `ai-ml`; expertise and requests are per sector."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    related = models.ManyToManyField(
        "self",
        through="SectorRelation",
        symmetrical=False,
        related_name="+",
        blank=True,
        verbose_name=_("related sectors"),
    )
    # Norte's founding question looks at gambling (casinos online and off, sports betting,
    # lottery) beside the rest of tech: insights show these sectors' share apart.
    is_gambling = models.BooleanField(
        _("gambling sector"),
        default=False,
        help_text=_("Casinos, sports betting, lottery: highlighted in the insights."),
    )

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]


class SectorRelation(models.Model):
    """Expertise in `related` counts for `sector` with the given strength (0–1).

    Relations are directed rows so staff can say "sports betting helps igaming a lot" without
    implying the reverse; the seed data adds both directions where both hold.
    """

    sector = models.ForeignKey(
        Sector, on_delete=models.CASCADE, related_name="relations", verbose_name=_("sector")
    )
    related = models.ForeignKey(
        Sector, on_delete=models.CASCADE, related_name="+", verbose_name=_("related sector")
    )
    strength = models.DecimalField(
        _("strength"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("How much expertise in the related sector counts (0.01–1)."),
    )

    class Meta:
        verbose_name = _("sector relation")
        verbose_name_plural = _("sector relations")
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "related"],
                name="sector_relation_unique",
                violation_error_message=_("These sectors are already related."),
            ),
            models.CheckConstraint(
                condition=~Q(sector=F("related")),
                name="sector_relation_not_self",
                violation_error_message=_("A sector cannot be related to itself."),
            ),
            models.CheckConstraint(
                condition=Q(strength__gt=0, strength__lte=1),
                name="sector_relation_strength_range",
                violation_error_message=_("Strength must be above 0 and at most 1."),
            ),
        ]

    def __str__(self):
        return f"{self.sector.slug} ← {self.related.slug} ({self.strength})"


def validate_aliases(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Aliases must be a list of texts."), code="aliases")
    if not all(tokens(item) for item in value):
        # Blank, or only punctuation: nothing the matcher could ever find in a text.
        raise ValidationError(
            _("An alias cannot be empty: write at least one letter or digit."), code="aliases"
        )


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The words matching compares a phrase by: "Pen-Test", "pen test" and "PEN TEST." are one.
    Two aliases are the same alias when their keys are equal."""
    return tokens(phrase)


def without_repeats(aliases: list[str]) -> list[str]:
    """The aliases with the first spelling of each kept: "K8s" and "k8s" are one to matching."""
    kept: dict[tuple[str, ...], str] = {}
    for alias in aliases:
        kept.setdefault(phrase_key(alias), alias)
    return list(kept.values())


class Skill(TranslatedName, TimeStampedModel):
    """A skill vendors list and requests ask for.

    The aliases are the other ways people write it, one list per language, like the names:
    `aliases` in English ("k8s", "pen test"), `aliases_es` ("momios", "app de apuestas"),
    `aliases_fr` ("contrats intelligents"). Matching reads all of them in free text whatever
    its language, so a phrase may belong to one skill only (`clean()`).
    """

    ALIAS_FIELDS = ("aliases", "aliases_es", "aliases_fr")
    # Every way of writing a skill that matching reads, besides its slug.
    PHRASE_FIELDS = ("name", "name_es", "name_fr", *ALIAS_FIELDS)

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("sector"),
    )
    # `aliases` keeps its v1 name (the API has it); it now holds the English ones.
    aliases = models.JSONField(
        _("aliases (English)"),
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text=_(
            "Aliases in English: abbreviations and slang buyers and vendors write, one per "
            "line. Acronyms and product names written the same in every language (k8s, AWS) "
            "go here too."
        ),
    )
    aliases_es = models.JSONField(
        _("aliases (Spanish)"),
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text=_(
            "Aliases in Spanish: abbreviations and slang buyers and vendors write, one per line."
        ),
    )
    aliases_fr = models.JSONField(
        _("aliases (French)"),
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text=_(
            "Aliases in French: abbreviations and slang buyers and vendors write, one per line."
        ),
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    @classmethod
    def phrases_by_slug(cls, skills: models.QuerySet) -> dict[str, list[str]]:
        """slug → the skill's names and aliases in every language, as matching reads them."""
        return {
            slug: [name, name_es, name_fr, *aliases, *aliases_es, *aliases_fr]
            for slug, name, name_es, name_fr, aliases, aliases_es, aliases_fr in (
                skills.values_list("slug", *cls.PHRASE_FIELDS)
            )
        }

    def clean(self):
        super().clean()
        valid = [
            field
            for field in self.ALIAS_FIELDS
            # A list its field's validator refused has its error already.
            if _is_alias_list(getattr(self, field))
        ]
        for field in valid:
            # The same alias twice in one list says nothing more: dropped, not refused.
            setattr(self, field, without_repeats(getattr(self, field)))
        errors = self._phrases_taken_by_other_skills(valid)
        if errors:
            raise ValidationError(errors)

    def _phrases_taken_by_other_skills(self, alias_fields: list[str]) -> dict[str, list]:
        """Errors for the aliases, names or slug another skill is already written as — compared
        as matching files them (`text.phrase_keys`: as written, and loosely when it reads them
        so): the matcher would find only one of the two in a text, whichever it met first."""
        others = Skill.objects.exclude(pk=self.pk) if self.pk else Skill.objects.all()
        owner: dict[tuple[str, ...], str] = {}
        for slug, phrases in self.phrases_by_slug(others.order_by("slug")).items():
            for phrase in (slug.replace("-", " "), *phrases):
                for key in phrase_keys(phrase):
                    owner.setdefault(key, slug)
        mine = [(field, alias) for field in alias_fields for alias in getattr(self, field)]
        mine += [(field, getattr(self, field)) for field in ("name", "name_es", "name_fr")]
        mine.append(("slug", self.slug.replace("-", " ")))
        taken = []
        for field, phrase in mine:
            slug = next((owner[key] for key in phrase_keys(phrase) if key in owner), None)
            if slug is not None:
                taken.append((field, phrase, slug))
        if not taken:
            return {}
        names = {
            skill.slug: skill.display_name
            for skill in others.filter(slug__in={slug for _, _, slug in taken})
        }
        errors: dict[str, list] = {}
        for field, phrase, slug in taken:
            errors.setdefault(field, []).append(
                ValidationError(
                    _("“%(alias)s” is already a name or an alias of the skill “%(skill)s”."),
                    code="alias_taken",
                    params={"alias": phrase, "skill": names[slug]},
                )
            )
        return errors


def _is_alias_list(value) -> bool:
    try:
        validate_aliases(value)
    except ValidationError:
        return False
    return True


class Certification(TranslatedName, TimeStampedModel):
    """A certification or licence a request may require (AGCO registration, GLI, ISO 27001…)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    issuer = models.CharField(_("issuer"), max_length=120, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="certifications", verbose_name=_("sectors")
    )

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["name"]


class ExchangeRate(models.Model):
    """How many Canadian dollars one unit of `currency` buys, from `valid_from` on.

    Money is compared in CAD everywhere (vendors' rates are in CAD); the rate used for a
    comparison is the latest one valid on the day in question.
    """

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate_to_cad = models.DecimalField(
        _("rate to CAD"),
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        get_latest_by = "valid_from"
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"],
                name="exchange_rate_one_per_day",
                violation_error_message=_("This currency already has a rate from that day."),
            ),
            models.CheckConstraint(
                condition=Q(rate_to_cad__gt=0),
                name="exchange_rate_positive",
                violation_error_message=_("An exchange rate must be positive."),
            ),
        ]

    def __str__(self):
        return f"1 {self.currency} = {self.rate_to_cad} CAD ({self.valid_from})"

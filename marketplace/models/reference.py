"""Reference data curated by staff: sectors and how they relate, skills, certifications, rates."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from companies.models import TimeStampedModel
from marketplace.choices import Currency

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
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ValidationError(_("Aliases must be a list of non-empty texts."), code="aliases")


class Skill(TranslatedName, TimeStampedModel):
    """A skill vendors list and requests ask for.

    `aliases` holds other ways people write it, in any of the marketplace's languages
    ("k8s", "apuestas deportivas", "contrats intelligents"); matching reads them in free text.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("sector"),
    )
    aliases = models.JSONField(
        _("aliases and synonyms"), default=list, blank=True, validators=[validate_aliases]
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]


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

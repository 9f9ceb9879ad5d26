"""Canadian vendors' listings: profile, rates, skills, certifications and expertise per sector."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from companies.models import TimeStampedModel, limited_text_field
from companies.validators import validate_single_line
from marketplace.choices import (
    CANADIAN_PROVINCES,
    VENDOR_RATE_CURRENCY,
    Language,
    language_name_in_sentence,
)
from marketplace.languages import guess_language
from marketplace.matching import weights
from marketplace.matching.core import bayesian_rating
from marketplace.validators import (
    validate_business_number,
    validate_no_markup,
    validate_vendor_slug,
)

from .base import LANGUAGE_CODES, SpeaksLanguages
from .reference import Certification, Sector, Skill

# A vendor's description when the reader's language has none: English, then French, then
# Spanish (the order of `Language`). Canadian vendors write English or French first, and a
# Mexican buyer reading Spanish is likelier to read English than French.
DESCRIPTION_FALLBACK: tuple[str, ...] = LANGUAGE_CODES
# Where a description goes when its language cannot be told (the data migration, API v1's
# single `description`): the language Canadian vendors wrote their listings in so far.
DESCRIPTION_DEFAULT_LANGUAGE = Language.EN


@dataclass(frozen=True)
class LocalizedText:
    """A text in `language`, shown to a reader who asked for `requested`."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested

    @property
    def language_name(self) -> str:
        """The shown language's name as it reads inside a sentence ("inglés", "anglais")."""
        return language_name_in_sentence(self.language)


class Vendor(SpeaksLanguages, TimeStampedModel):
    """A Canadian technology vendor. Only `approved` vendors are public and can be matched."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(
        _("name"), max_length=200, validators=[validate_single_line, validate_no_markup]
    )
    slug = models.SlugField(
        _("slug"), max_length=220, unique=True, validators=[validate_vendor_slug]
    )
    business_number = models.CharField(
        _("business number"),
        max_length=9,
        blank=True,
        validators=[validate_business_number],
        help_text=_("The 9-digit number the Canada Revenue Agency assigned (optional)."),
    )
    province = models.CharField(_("province"), max_length=2, choices=CANADIAN_PROVINCES)
    city = models.CharField(_("city"), max_length=100)
    # One column per language rather than a translation library: matching reads every language
    # at once (a Celery worker has no reader), and the reader's choice is one method below.
    description_en = limited_text_field(_("description in English"), blank=True)
    description_fr = limited_text_field(_("description in French"), blank=True)
    description_es = limited_text_field(_("description in Spanish"), blank=True)
    website = models.URLField(_("website"), blank=True)
    team_size = models.PositiveIntegerField(_("team size"), validators=[MinValueValidator(1)])
    hourly_rate_min = models.DecimalField(
        _("minimum hourly rate (CAD)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    hourly_rate_max = models.DecimalField(
        _("maximum hourly rate (CAD)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="vendors", verbose_name=_("skills")
    )
    # Read from the descriptions (`vendor_described_skills_refresh`), never typed: matching
    # credits a requested skill found here below one the vendor lists, and the vendor's edit
    # page offers to add the ones it does not list.
    described_skills = models.ManyToManyField(
        Skill,
        blank=True,
        editable=False,
        related_name="described_by",
        verbose_name=_("skills its description mentions"),
    )
    # How many of them the vendor does not list: a description claiming many skills beyond
    # the listed ones earns less for each (`weights.PROSE_SKILLS_FOCUS`).
    described_unlisted_count = models.PositiveSmallIntegerField(
        _("skills its description mentions but it does not list"), db_default=0, editable=False
    )
    # Kept with the two above: a vendor listing a single skill is read from its prose.
    listed_skill_count = models.PositiveSmallIntegerField(
        _("skills listed"), db_default=0, editable=False
    )
    certifications = models.ManyToManyField(
        Certification, blank=True, related_name="vendors", verbose_name=_("certifications")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # As long as the moderation API has always taken.
    status_reason = limited_text_field(_("reason for the status"), max_length=2000, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    # Kept by `marketplace.tenders.services.reviews` in the review's own transaction, so that
    # matching and the directory read a vendor's rating from its row, not from its reviews.
    review_count = models.PositiveIntegerField(_("reviews"), db_default=0, editable=False)
    review_rating_total = models.PositiveIntegerField(
        _("sum of review ratings"), db_default=0, editable=False
    )

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "name"], name="vendor_status_name_idx"),
            models.Index(fields=["province"], name="vendor_province_idx"),
            # Covers the matching pre-filter: approved vendors in id order with every column the
            # ranking reads, without touching the table (marketplace/services/matching/loading.py).
            models.Index(
                fields=[
                    "status",
                    "id",
                    "hourly_rate_min",
                    "hourly_rate_max",
                    "team_size",
                    "speaks_en",
                    "speaks_fr",
                    "speaks_es",
                ],
                name="vendor_matching_idx",
            ),
            # Finds the few vendors whose prose matching reads (loading._prose_counts).
            models.Index(
                fields=["listed_skill_count", "described_unlisted_count"],
                name="vendor_prose_counts_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["business_number"],
                condition=~Q(business_number=""),
                name="vendor_business_number_unique",
                violation_error_message=_("A vendor with this business number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_min__lte=F("hourly_rate_max")),
                name="vendor_rate_min_lte_max",
                violation_error_message=_("The minimum rate cannot exceed the maximum rate."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_min__gt=0),
                name="vendor_rate_positive",
                violation_error_message=_("Hourly rates must be positive."),
            ),
            models.CheckConstraint(
                condition=Q(team_size__gte=1),
                name="vendor_team_size_positive",
                violation_error_message=_("The team needs at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(speaks_en=True) | Q(speaks_fr=True) | Q(speaks_es=True),
                name="vendor_speaks_a_language",
                violation_error_message=_("A vendor works in at least one language."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("marketplace:vendor-detail", kwargs={"slug": self.slug})

    DESCRIPTION_FIELDS = tuple(f"description_{code}" for code in LANGUAGE_CODES)

    @property
    def descriptions(self) -> dict[str, str]:
        """The descriptions the vendor wrote, by language code, in `DESCRIPTION_FALLBACK` order."""
        texts = {
            code: getattr(self, f"description_{code}").strip() for code in DESCRIPTION_FALLBACK
        }
        return {code: text for code, text in texts.items() if text}

    def description_in(self, language: str) -> LocalizedText | None:
        """The description in `language` ("es", "en", "fr"), else in the first language of
        `DESCRIPTION_FALLBACK` the vendor wrote one in; None if it wrote none."""
        written = self.descriptions
        for code in (language, *DESCRIPTION_FALLBACK):
            if code in written:
                return LocalizedText(text=written[code], language=code, requested=language)
        return None

    @property
    def description_shown(self) -> LocalizedText | None:
        """The description for the reader of the page (the active language, es-mx → es)."""
        return self.description_in((get_language() or DESCRIPTION_DEFAULT_LANGUAGE)[:2])

    @property
    def description(self) -> str:
        """API v1's single description: the first one written, in `DESCRIPTION_FALLBACK` order,
        whoever asks (the API's answer does not depend on the caller's language)."""
        return next(iter(self.descriptions.values()), "")

    def description_language_for(self, text: str) -> str:
        """The language API v1's single `description` writes to: the one it reads from, so that
        a client writing back what it read edits that text; for a vendor with no description
        yet, the language `text` is written in, or `DESCRIPTION_DEFAULT_LANGUAGE`."""
        return (
            next(iter(self.descriptions), None)
            or guess_language(text)
            or DESCRIPTION_DEFAULT_LANGUAGE
        )

    @property
    def rating(self) -> float | None:
        """The Bayesian mean of the vendor's verified reviews (1–5), None without reviews."""
        if not self.review_count:
            return None
        return bayesian_rating(self.review_rating_total, self.review_count)

    @staticmethod
    def rating_expression():
        """`rating` in SQL (the same Bayesian mean, NULL without reviews), to order by it."""
        prior = weights.RATING_PRIOR_MEAN * weights.RATING_PRIOR_WEIGHT
        return Case(
            When(
                review_count__gt=0,
                then=(Value(prior) + F("review_rating_total"))
                / (Value(weights.RATING_PRIOR_WEIGHT) + F("review_count")),
            ),
            default=None,
            output_field=FloatField(),
        )

    @property
    def currency(self) -> str:
        return VENDOR_RATE_CURRENCY

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class PendingVendorManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=Vendor.Status.PENDING)


class PendingVendor(Vendor):
    """The moderation queue: vendors awaiting approval, the longest-waiting first."""

    objects = PendingVendorManager()

    class Meta:
        proxy = True
        verbose_name = _("vendor awaiting approval")
        verbose_name_plural = _("vendors awaiting approval")
        ordering = ["created_at", "id"]


class VendorExpertise(models.Model):
    """A vendor's depth in one sector: level 1 (some) to 5 (leading), and years of practice."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="expertise", verbose_name=_("vendor")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="expertise", verbose_name=_("sector")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    years = models.PositiveSmallIntegerField(
        _("years"), validators=[MaxValueValidator(80)], default=0
    )

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")
        ordering = ["-level", "-years"]
        indexes = [
            # Serves the directory's sector/level filter and, covering vendor and years too,
            # the matching loader's read of a sector's expertise rows.
            models.Index(
                fields=["sector", "level", "vendor", "years"], name="expertise_sector_level_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "sector"],
                name="expertise_one_row_per_sector",
                violation_error_message=_("The vendor already has expertise in this sector."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5),
                name="expertise_level_range",
                violation_error_message=_("Expertise level goes from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(years__gte=0, years__lte=80),
                name="expertise_years_range",
                violation_error_message=_("Years of expertise go from 0 to 80."),
            ),
        ]

    def __str__(self):
        return f"{self.vendor} · {self.sector.slug} L{self.level} ({self.years}y)"

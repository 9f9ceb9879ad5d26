"""Canadian vendors' listings: profile, rates, skills, certifications and expertise per sector."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from companies.models import TimeStampedModel, limited_text_field
from companies.validators import validate_single_line
from marketplace.choices import CANADIAN_PROVINCES, VENDOR_RATE_CURRENCY
from marketplace.matching import weights
from marketplace.matching.core import bayesian_rating
from marketplace.validators import validate_business_number, validate_vendor_slug

from .base import SpeaksLanguages
from .reference import Certification, Sector, Skill


class Vendor(SpeaksLanguages, TimeStampedModel):
    """A Canadian technology vendor. Only `approved` vendors are public and can be matched."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
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
    description = limited_text_field(_("description"), blank=True)
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

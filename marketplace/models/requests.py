"""Outsourcing requests posted by Mexican companies."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from companies.models import Company, TimeStampedModel
from marketplace.choices import Currency

from .base import SpeaksLanguages
from .reference import Certification, Sector, Skill

MAX_DURATION_WEEKS = 260


class OutsourcingRequest(SpeaksLanguages, TimeStampedModel):
    """What a company needs: sector, skills, budget, team, duration, languages, certifications.

    It starts as a `draft` only its company sees; `published` makes it visible to approved
    vendors. Status changes go through `marketplace.services.requests`, never by assignment.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="requests", verbose_name=_("company")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="requests", verbose_name=_("sector")
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="requests", verbose_name=_("skills")
    )
    budget_min = models.DecimalField(
        _("minimum budget"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    budget_max = models.DecimalField(
        _("maximum budget"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    team_size = models.PositiveIntegerField(_("team size"), validators=[MinValueValidator(1)])
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_WEEKS)],
    )
    required_certifications = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="required_by",
        verbose_name=_("required certifications"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outsourcing request")
        verbose_name_plural = _("outsourcing requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["company", "status"], name="request_company_status_idx"),
            models.Index(fields=["status", "sector"], name="request_status_sector_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__lte=F("budget_max")),
                name="request_budget_min_lte_max",
                violation_error_message=_("The minimum budget cannot exceed the maximum budget."),
            ),
            models.CheckConstraint(
                condition=Q(budget_min__gt=0),
                name="request_budget_positive",
                violation_error_message=_("The budget must be positive."),
            ),
            models.CheckConstraint(
                condition=Q(team_size__gte=1),
                name="request_team_size_positive",
                violation_error_message=_("The team needs at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1, duration_weeks__lte=MAX_DURATION_WEEKS),
                name="request_duration_range",
                violation_error_message=_("The duration goes from 1 to 260 weeks."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

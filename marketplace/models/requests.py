"""Outsourcing requests posted by Mexican companies."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from companies.models import Company, TimeStampedModel, limited_text_field
from marketplace.choices import Currency

from .base import SpeaksLanguages
from .reference import Certification, Sector, Skill

MAX_DURATION_WEEKS = 260


class OutsourcingRequest(SpeaksLanguages, TimeStampedModel):
    """What a company needs: sector, skills, budget, team, duration, languages, certifications.

    It starts as a `draft` only its company sees; `published` opens it to vendors until
    `proposals_due` (an *open* request to every approved vendor that meets its hard constraints,
    one *by invitation* to the vendors the company invites); it ends `awarded` (an engagement
    with one vendor) or `cancelled`, each with a reason everyone who took part is told. Status
    changes go through `marketplace.services.requests` and `marketplace.tenders.services`,
    never by assignment; `TRANSITIONS` lists the allowed ones.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        OPEN = "open", _("Open to every qualified vendor")
        INVITATION = "invitation", _("By invitation only")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
        Status.PUBLISHED: {Status.AWARDED, Status.CANCELLED},
        Status.AWARDED: set(),
        Status.CANCELLED: set(),
    }

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
    description = limited_text_field(_("description"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="requests", verbose_name=_("sector")
    )
    # A buyer who filed under a generic sector on purpose ("a corporate site; no live odds")
    # says so here; matching then ranks by the sector as filed instead of the one the text
    # reads as. Changing the sector clears it (`services.requests.request_update`).
    sector_confirmed = models.BooleanField(
        _("rank by the sector as chosen"),
        default=False,
        help_text=_(
            "Rank vendors by the sector chosen even if the description reads as another one."
        ),
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
    visibility = models.CharField(
        _("who may propose"), max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    proposals_due = models.DateTimeField(
        _("proposals due"),
        null=True,
        blank=True,
        help_text=_(
            "Vendors propose until then. Norte sets three weeks after publishing if empty."
        ),
    )
    questions_due = models.DateTimeField(
        _("questions due"),
        null=True,
        blank=True,
        help_text=_("Vendors ask questions until then; until proposals are due if empty."),
    )
    closed_at = models.DateTimeField(_("awarded or cancelled at"), null=True, blank=True)
    cancellation_reason = limited_text_field(_("reason for cancelling"), blank=True)

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
                # Vendors always know until when they may propose.
                condition=Q(status__in=["draft", "cancelled"]) | Q(proposals_due__isnull=False),
                name="request_published_has_deadline",
                violation_error_message=_("A published request needs a date proposals are due."),
            ),
            models.CheckConstraint(
                condition=Q(questions_due__isnull=True)
                | Q(proposals_due__isnull=True)
                | Q(questions_due__lte=F("proposals_due")),
                name="request_questions_before_proposals",
                violation_error_message=_("Questions must close no later than proposals."),
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1, duration_weeks__lte=MAX_DURATION_WEEKS),
                name="request_duration_range",
                violation_error_message=_("The duration goes from 1 to 260 weeks."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # The `request_published_has_deadline` constraint's rule, said on the field (the
        # constraint itself is then skipped, as for any field with an error).
        if self.status in (self.Status.PUBLISHED, self.Status.AWARDED) and not self.proposals_due:
            raise ValidationError(
                {
                    "proposals_due": ValidationError(
                        _("A published request needs a date proposals are due."), code="required"
                    )
                }
            )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_awarded(self) -> bool:
        return self.status == self.Status.AWARDED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_closed(self) -> bool:
        """Awarded or cancelled: nothing more happens on the request itself."""
        return self.status in (self.Status.AWARDED, self.Status.CANCELLED)

    @property
    def is_open_to_all(self) -> bool:
        return self.visibility == self.Visibility.OPEN

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def questions_close_at(self):
        """When vendors stop asking: `questions_due`, else when proposals are due."""
        return self.questions_due or self.proposals_due

    def accepts_proposals(self, *, now) -> bool:
        return self.is_published and (self.proposals_due is None or now < self.proposals_due)

    def accepts_questions(self, *, now) -> bool:
        closes = self.questions_close_at
        return self.is_published and (closes is None or now < closes)

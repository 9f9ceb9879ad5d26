"""Bid invitations, questions, proposals, engagements and reviews.

States are `TextChoices` with their allowed transitions next to them; only the services in
`marketplace.tenders.services` move a row from one state to another.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.models import TEXT_LIMIT, Company, TimeStampedModel, limited_text_field
from companies.validators import validate_single_line
from marketplace.choices import Currency
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.models.requests import MAX_DURATION_WEEKS

MAX_MILESTONES = 20


def _user_link(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class StatefulModel(models.Model):
    """A `status` whose allowed moves are listed in the subclass's `TRANSITIONS`."""

    TRANSITIONS: dict = {}

    class Meta:
        abstract = True

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class BidInvitation(StatefulModel, TimeStampedModel):
    """A company asks one vendor to propose for one published request.

    Not to be confused with `companies.Invitation`, which asks a person to join a team.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    TRANSITIONS = {
        Status.PENDING: {Status.ACCEPTED, Status.DECLINED},
        Status.ACCEPTED: set(),
        Status.DECLINED: set(),
    }

    request = models.ForeignKey(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        related_name="bid_invitations",
        verbose_name=_("request"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="bid_invitations", verbose_name=_("vendor")
    )
    invited_by = _user_link(_("invited by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = limited_text_field(_("reason for declining"), blank=True)
    responded_by = _user_link(_("answered by"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bid invitation")
        verbose_name_plural = _("bid invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "vendor"],
                name="bid_invitation_once_per_vendor",
                violation_error_message=_("This vendor is already invited to this request."),
            )
        ]

    def __str__(self):
        return f"{self.vendor} → {self.request}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED


class Question(StatefulModel, TimeStampedModel):
    """A vendor's question on a request. Every vendor taking part reads it with its answer,
    never who asked; the company sees the asker."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")

    TRANSITIONS = {Status.OPEN: {Status.ANSWERED}, Status.ANSWERED: set()}

    request = models.ForeignKey(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("request"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="questions", verbose_name=_("asked by")
    )
    asked_by = _user_link(_("asked by (person)"))
    text = limited_text_field(_("question"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = limited_text_field(_("answer"), blank=True)
    answered_by = _user_link(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_answered(self) -> bool:
        return self.status == self.Status.ANSWERED


def validate_milestones(value) -> None:
    """Milestones are a list of `{"title": str, "week": int, "amount": str|number|null}`."""
    message = _(
        "Milestones are a list of objects with a title, the week they are due and an optional amount."
    )
    if not isinstance(value, list):
        raise ValidationError(message, code="invalid")
    if len(value) > MAX_MILESTONES:
        raise ValidationError(
            _("At most %(limit)d milestones.") % {"limit": MAX_MILESTONES}, code="max_length"
        )
    for milestone in value:
        if not isinstance(milestone, dict) or set(milestone) - {"title", "week", "amount"}:
            raise ValidationError(message, code="invalid")
        title, week = milestone.get("title"), milestone.get("week")
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            raise ValidationError(
                _("Each milestone needs a title of at most 200 characters."), code="invalid"
            )
        validate_single_line(title)
        if (
            isinstance(week, bool)
            or not isinstance(week, int)
            or not 1 <= week <= MAX_DURATION_WEEKS
        ):
            raise ValidationError(
                _("Each milestone needs the week it is due, from 1 to 260."), code="invalid"
            )
        amount = milestone.get("amount")
        if amount is not None:
            try:
                valid = Decimal(str(amount)) > 0
            except ArithmeticError:
                valid = False
            if isinstance(amount, bool) or not valid:
                raise ValidationError(
                    _("A milestone's amount must be a positive number."), code="invalid"
                )


class ProposalQuerySet(models.QuerySet):
    def not_withdrawn(self) -> "ProposalQuerySet":
        """The proposals that count: every one but those their vendor withdrew (an awarded or
        not-awarded proposal still counts; `Proposal.LIVE` are those still in the running)."""
        return self.exclude(status=Proposal.Status.WITHDRAWN)


class Proposal(StatefulModel, TimeStampedModel):
    """A vendor's offer for a request. One active (not withdrawn) proposal per vendor and
    request, kept by the database; a withdrawn one stays as history."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        AWARDED = "awarded", _("Awarded")
        NOT_AWARDED = "not_awarded", _("Not awarded")
        REQUEST_CANCELLED = "request_cancelled", _("Request cancelled")

    TRANSITIONS = {
        Status.SUBMITTED: {
            Status.SHORTLISTED,
            Status.WITHDRAWN,
            Status.AWARDED,
            Status.NOT_AWARDED,
            Status.REQUEST_CANCELLED,
        },
        Status.SHORTLISTED: {
            Status.WITHDRAWN,
            Status.AWARDED,
            Status.NOT_AWARDED,
            Status.REQUEST_CANCELLED,
        },
        Status.WITHDRAWN: set(),
        Status.AWARDED: set(),
        Status.NOT_AWARDED: set(),
        Status.REQUEST_CANCELLED: set(),
    }
    # Still in the running: the vendor may withdraw, the company may shortlist or award.
    LIVE = (Status.SUBMITTED, Status.SHORTLISTED)

    request = models.ForeignKey(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("request"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("vendor")
    )
    submitted_by = _user_link(_("submitted by"))
    price = models.DecimalField(
        _("price"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_WEEKS)],
    )
    team_size = models.PositiveIntegerField(
        _("team size"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    approach = limited_text_field(_("approach"), max_length=TEXT_LIMIT * 4)
    milestones = models.JSONField(
        _("milestones"), default=list, blank=True, validators=[validate_milestones]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    shortlisted_at = models.DateTimeField(_("shortlisted at"), null=True, blank=True)
    # The outcome the company gave (the award's reason, or why the request was cancelled), as
    # every proposer is told it.
    outcome_reason = limited_text_field(_("outcome"), blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "vendor"],
                condition=~Q(status="withdrawn"),
                name="proposal_one_active_per_vendor",
                violation_error_message=_(
                    "Your company already has a proposal on this request; withdraw it first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(price__gt=0),
                name="proposal_price_positive",
                violation_error_message=_("The price must be positive."),
            ),
        ]

    def __str__(self):
        return f"{self.vendor} · {self.request}"

    def clean(self):
        super().clean()
        errors = {}
        # Compared only once both are numbers: a duration that failed its own field check
        # (text, nothing) is already reported there.
        last_week = self.duration_weeks if isinstance(self.duration_weeks, int) else None
        for milestone in self.milestones if isinstance(self.milestones, list) else []:
            week = milestone.get("week") if isinstance(milestone, dict) else None
            if isinstance(week, int) and last_week and week > last_week:
                errors["milestones"] = _("A milestone cannot fall after the last week.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def is_shortlisted(self) -> bool:
        return self.status == self.Status.SHORTLISTED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def is_awarded(self) -> bool:
        return self.status == self.Status.AWARDED


class Engagement(StatefulModel, TimeStampedModel):
    """The work an award started between the company and the winning vendor."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.ACTIVE: {Status.COMPLETED, Status.CANCELLED},
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }

    request = models.OneToOneField(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        related_name="engagement",
        verbose_name=_("request"),
    )
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="engagement", verbose_name=_("proposal")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("company")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("vendor")
    )
    award_reason = limited_text_field(_("reason for the award"))
    awarded_by = _user_link(_("awarded by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = limited_text_field(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["vendor", "status"], name="engagement_vendor_status_idx"),
            models.Index(fields=["company", "status"], name="engagement_company_status_idx"),
        ]

    def __str__(self):
        return f"{self.company} ↔ {self.vendor}: {self.request}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Review(TimeStampedModel):
    """The awarding company's verdict on a completed engagement, and the vendor's one reply."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="review", verbose_name=_("engagement")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("vendor")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("company")
    )
    author = _user_link(_("written by"))
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = limited_text_field(_("review"))
    reply = limited_text_field(_("vendor's reply"), blank=True)
    replied_by = _user_link(_("replied by"))
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="review_rating_1_to_5",
                violation_error_message=_("The rating goes from 1 to 5."),
            )
        ]
        indexes = [models.Index(fields=["vendor", "created_at"], name="review_vendor_idx")]

    def __str__(self):
        return f"{self.rating}★ {self.vendor}"

    @property
    def has_reply(self) -> bool:
        return bool(self.replied_at)

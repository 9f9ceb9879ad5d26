"""Matching runs and their stored results."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.matching.weights import STRONG_MATCH_SCORE

from .requests import OutsourcingRequest
from .vendors import Vendor


class MatchRun(models.Model):
    """One ranking of approved vendors for a request.

    Created `queued` in the same transaction as the change that needs it (publish, edit,
    rematch); the task is sent to the broker after commit. A run the broker never delivered,
    or whose worker died, is sent again by the sweeper (`match_runs_sweep`). The newest `done`
    run is the one companies see.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        PUBLISH = "publish", _("Request published")
        EDIT = "edit", _("Published request edited")
        REMATCH = "rematch", _("Rematch asked for")

    request = models.ForeignKey(
        OutsourcingRequest,
        on_delete=models.CASCADE,
        related_name="match_runs",
        verbose_name=_("request"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("last sent to a worker"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("times sent to a worker"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    candidates = models.PositiveIntegerField(
        _("vendors meeting the hard constraints"), null=True, blank=True
    )
    # Who the hard constraints left out, counted when the run is done; null for runs done
    # before these were counted, which then say nothing rather than guess.
    excluded = models.PositiveIntegerField(
        _("approved vendors left out by the hard constraints"), null=True, blank=True
    )
    exclusions = models.JSONField(
        _("vendors left out, per hard constraint"),
        null=True,
        blank=True,
        help_text=_('A list of {"code", "count", "params"}; a vendor may count under several.'),
    )
    # The sector the run ranked the request as: the one it was filed under unless its skills
    # clearly said another (`marketplace.matching.sectors`). Null for runs from before.
    sector = models.ForeignKey(
        "marketplace.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ranked as sector"),
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(fields=["status", "dispatched_at"], name="matchrun_status_dispatch_idx"),
            models.Index(fields=["request", "status", "-id"], name="matchrun_request_status_idx"),
        ]

    def __str__(self):
        return f"Run {self.pk} · {self.request} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class MatchResultQuerySet(models.QuerySet):
    def strong(self) -> "MatchResultQuerySet":
        """The strong matches, in SQL: the rule `MatchResult.is_strong` reads on one row."""
        return self.filter(score__gte=STRONG_MATCH_SCORE)


class MatchResult(models.Model):
    """A vendor's place in a run: rank, score (0–100), the score's parts and the reasons.

    `reasons` are codes with parameters (`{"code", "met", "params"}`), rendered into sentences
    in the reader's language when shown.
    """

    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="results", verbose_name=_("run")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="match_results", verbose_name=_("vendor")
    )
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    breakdown = models.JSONField(_("score breakdown"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)

    objects = MatchResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("match result")
        verbose_name_plural = _("match results")
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "vendor"], name="matchresult_one_per_vendor"),
            models.UniqueConstraint(fields=["run", "rank"], name="matchresult_one_per_rank"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="matchresult_score_range"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="matchresult_rank_positive"),
        ]

    def __str__(self):
        return f"#{self.rank} {self.vendor} ({self.score})"

    @property
    def is_strong(self) -> bool:
        """Shown first to the buyer: a score of at least STRONG_MATCH_SCORE (weights.py); the
        same rule as `MatchResult.objects.strong()`, which a test keeps in step."""
        return self.score >= STRONG_MATCH_SCORE


class VendorMatchingVersion(models.Model):
    """One row: how many times what matching reads of the vendors has changed.

    Bumped (`marketplace.services.matching.snapshot.vendors_changed`) in the same transaction
    as each such change, with a `VendorMatchingChange` per vendor changed. The bump holds this
    row until commit, so versions commit in order: a worker that reads version N knows every
    change up to N is committed, and patches its in-memory vendor table with just those."""

    version = models.PositiveBigIntegerField(_("version"), default=0)
    # Drawn at random by each bump, logged with its changes: tells a version number reused
    # after a rollback or a restore from the one a worker's table was built at.
    stamp = models.BigIntegerField(_("stamp"), default=0)

    class Meta:
        verbose_name = _("vendor matching version")
        verbose_name_plural = _("vendor matching versions")

    def __str__(self):
        return str(self.version)


class VendorMatchingChange(models.Model):
    """Vendor `vendor_id` changed at `version` (no vendor: every vendor may have, e.g. after a
    bulk load). Not a foreign key: a deleted vendor's change must stay to be read. Pruned once
    old (`snapshot.CHANGES_KEPT` versions); a worker further behind builds its table again."""

    version = models.PositiveBigIntegerField(_("version"), db_index=True)
    stamp = models.BigIntegerField(_("stamp"))
    vendor_id = models.PositiveBigIntegerField(_("vendor id"), null=True, blank=True)

    class Meta:
        verbose_name = _("vendor matching change")
        verbose_name_plural = _("vendor matching changes")

    def __str__(self):
        return f"{self.version}: {self.vendor_id or 'all'}"

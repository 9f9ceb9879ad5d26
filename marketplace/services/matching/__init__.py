"""Matching runs: queued with the change that needs them, executed by a Celery task, swept
back onto the queue when the broker or a worker lost them.

The ranking itself is `marketplace.matching`, which knows nothing of Django; the Django-bound
pieces sit here beside the service: `loading` turns rows into the core's inputs and `reasons`
turns the stored reason codes into sentences in the reader's language.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from companies.models import User
from marketplace.matching import core
from marketplace.models import MatchResult, MatchRun, OutsourcingRequest, Sector

from . import loading, snapshot
from .alerts import opportunity_alert_record

logger = logging.getLogger(__name__)


@transaction.atomic
def match_run_start(
    *, request: OutsourcingRequest, trigger: str, actor: User | None = None
) -> MatchRun:
    """Queue a run for `request`, or join the one that will already rank what it says now.

    A queued run has not read the request yet, so every trigger joins it; a running one has,
    so only a rematch (nothing changed) joins it, while an edit queues one run after it. Twenty
    rematches or edits in a row therefore make at most two runs, not twenty. Triggers for one
    request are serialised on its row, so concurrent ones cannot both queue a run.

    A new run's task is sent once the caller's transaction commits, so a worker never looks for
    a run that does not exist yet (or never will).
    """
    OutsourcingRequest.objects.select_for_update().filter(pk=request.pk).exists()
    joinable = [MatchRun.Status.QUEUED]
    if trigger == MatchRun.Trigger.REMATCH:
        joinable.append(MatchRun.Status.RUNNING)
    waiting = request.match_runs.filter(status__in=joinable).order_by("-id").first()
    if waiting is not None:
        return waiting
    run = MatchRun.objects.create(request=request, trigger=trigger, requested_by=actor)
    transaction.on_commit(lambda: match_run_dispatch(run_id=run.pk))
    return run


def match_run_dispatch(*, run_id: int) -> bool:
    """Send the run to a worker. With the broker down the run stays `queued` and the sweeper
    sends it later; the caller's request has already succeeded and must not fail for it.

    Only a send the broker took counts as dispatched (and as an attempt): a refused one leaves
    the run as never sent, so the sweeper's next pass sends it, and a long outage does not use
    up the attempts meant for workers that die.
    """
    from marketplace.tasks import match_request  # the task module imports this one

    try:
        match_request.delay(run_id)
    except Exception:
        logger.warning(
            "Could not send match run %s to the broker; the sweeper will.", run_id, exc_info=True
        )
        return False
    MatchRun.objects.filter(pk=run_id).update(
        dispatched_at=timezone.now(), attempts=F("attempts") + 1
    )
    return True


def match_run_execute(*, run_id: int) -> MatchRun:
    """Rank the vendors for the run's request and store the best STORED_RESULTS; a
    publication's run also alerts the vendors the request fits best (alerts.py), in the same
    transaction.

    Idempotent: a run that is already done is left as it is, and executing a run again (a
    redelivered message, the sweeper) replaces its results with the same ones. An error ends
    the run `failed` with the error recorded; it can be executed again.
    """
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().select_related("request").get(pk=run_id)
        if run.status == MatchRun.Status.DONE:
            return run
        run.status = MatchRun.Status.RUNNING
        run.started_at = timezone.now()
        run.error = ""
        run.save(update_fields=["status", "started_at", "error"])
    try:
        ranking = match_request_rank(request=run.request, on=timezone.localdate(run.created_at))
        with transaction.atomic():
            run = MatchRun.objects.select_for_update().get(pk=run_id)
            if run.status == MatchRun.Status.DONE:  # a concurrent delivery got there first
                return run
            run.results.all().delete()
            MatchResult.objects.bulk_create(
                MatchResult(
                    run=run,
                    vendor_id=match.vendor_id,
                    rank=match.rank,
                    score=match.score,
                    breakdown=match.breakdown,
                    reasons=[
                        {"code": r.code, "met": r.met, "params": r.params} for r in match.reasons
                    ],
                )
                for match in ranking.matches
            )
            run.status = MatchRun.Status.DONE
            run.candidates = ranking.candidates
            run.excluded = ranking.exclusions.total
            run.exclusions = [
                {"code": e.code, "count": e.count, "params": e.params}
                for e in ranking.exclusions.by_reason
            ]
            run.sector = Sector.objects.get(slug=ranking.sector)
            run.finished_at = timezone.now()
            run.save(
                update_fields=[
                    "status",
                    "candidates",
                    "excluded",
                    "exclusions",
                    "sector",
                    "finished_at",
                ]
            )
            opportunity_alert_record(run=run)
    except Exception as error:
        logger.exception("Match run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id).exclude(status=MatchRun.Status.DONE).update(
            status=MatchRun.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        run.refresh_from_db()
    return run


@dataclass(frozen=True)
class Ranking:
    """A request's ranking before it is stored: the sector it ranked the request as, the best
    matches, how many vendors met the hard constraints, and who the constraints left out."""

    sector: str
    matches: list[core.Match]
    candidates: int
    exclusions: core.Exclusions


def match_request_rank(
    *, request: OutsourcingRequest, on, from_snapshot: bool | None = None
) -> Ranking:
    """The ranking itself, without storing anything: from the worker's in-memory vendor table
    (`snapshot`), or with `from_snapshot=False` (or `MATCHING_SNAPSHOT = False`) from the
    database, the reference the snapshot equals."""
    if from_snapshot is None:
        from_snapshot = settings.MATCHING_SNAPSHOT
    lexicon = loading.skill_lexicon()
    profile = loading.request_profile(request, on=on, lexicon=lexicon)
    if from_snapshot:
        candidates, population = snapshot.load(profile)
    else:
        candidates = loading.load_candidates(profile)
        population = loading.load_population(profile)
    return Ranking(
        sector=profile.sector,
        matches=core.rank(profile, candidates),
        candidates=len(candidates),
        exclusions=core.exclusions(profile, population),
    )


def match_runs_sweep() -> int:
    """Send again the runs that a broker outage or a dead worker left behind.

    Queued runs never sent, or sent longer ago than MATCHING_QUEUED_TIMEOUT, and running runs
    started longer ago than MATCHING_RUNNING_TIMEOUT are sent again; after
    MATCHING_MAX_ATTEMPTS sends a run is marked failed instead. Returns how many were sent.
    """
    now = timezone.now()
    stale = MatchRun.objects.filter(
        Q(status=MatchRun.Status.QUEUED, dispatched_at__isnull=True)
        | Q(
            status=MatchRun.Status.QUEUED,
            dispatched_at__lt=now - timedelta(seconds=settings.MATCHING_QUEUED_TIMEOUT),
        )
        | Q(
            status=MatchRun.Status.RUNNING,
            started_at__lt=now - timedelta(seconds=settings.MATCHING_RUNNING_TIMEOUT),
        )
    )
    exhausted = stale.filter(attempts__gte=settings.MATCHING_MAX_ATTEMPTS)
    exhausted.update(
        status=MatchRun.Status.FAILED,
        finished_at=now,
        error=f"Gave up after {settings.MATCHING_MAX_ATTEMPTS} attempts.",
    )
    sent = 0
    for run_id in stale.values_list("pk", flat=True):
        MatchRun.objects.filter(pk=run_id, status=MatchRun.Status.RUNNING).update(
            status=MatchRun.Status.QUEUED
        )
        sent += match_run_dispatch(run_id=run_id)
    return sent

"""Celery tasks: thin wrappers that take ids and call the matching services."""

from celery import shared_task

from marketplace.services.matching import match_run_execute, match_runs_sweep
from marketplace.services.matching.prose import described_skills_refresh_all


@shared_task(acks_late=True, reject_on_worker_lost=True)
def match_request(run_id: int) -> str:
    """Rank vendors for a match run. Redelivery is safe: the service is idempotent."""
    return match_run_execute(run_id=run_id).status


@shared_task
def sweep_stale_match_runs() -> int:
    """Periodic (Celery beat): re-send runs lost by the broker or a dead worker."""
    return match_runs_sweep()


# It reads every vendor (100,000 took 49 s on the 2-core development machine), past the default
# limits meant for rankings; it writes no events, so the events feed's delay does not bound it.
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=900, time_limit=960)
def refresh_described_skills() -> int:
    """Read every vendor's descriptions again after a skill's names or aliases changed.
    Redelivery is safe: the service replaces what it stores."""
    return described_skills_refresh_all()

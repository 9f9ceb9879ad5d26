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


@shared_task
def refresh_described_skills() -> int:
    """Read every vendor's descriptions again after a skill's names or aliases changed."""
    return described_skills_refresh_all()

"""Celery tasks: thin wrappers around the idempotency services."""

from celery import shared_task

from .services import idempotency_keys_purge


@shared_task
def purge_expired_idempotency_keys() -> int:
    """Periodic (Celery beat): delete the keys past their expiry."""
    return idempotency_keys_purge()

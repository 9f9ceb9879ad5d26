"""Celery tasks: thin wrappers that take ids and call the webhook services."""

from celery import shared_task

from .services import webhook_attempt, webhook_replay_send, webhook_sweep


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def webhook_deliver_task(endpoint_id: int, event_id: int) -> None:
    """One attempt to deliver an event, then the next one scheduled if it failed. Sent again
    after a lost worker: at least once, and receivers deduplicate by the event's id."""
    webhook_attempt(endpoint_id=endpoint_id, event_id=event_id)


@shared_task(ignore_result=True)
def webhook_replay_send_task(delivery_id: int) -> None:
    """The POST of a replay, recorded before it was queued. Not acked late: a replay is sent at
    most once (a worker lost meanwhile leaves the attempt "no outcome recorded", a failure)."""
    webhook_replay_send(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def sweep_webhooks() -> int:
    """Periodic (Celery beat): re-queue deliveries lost by the broker or a dead worker."""
    return webhook_sweep()

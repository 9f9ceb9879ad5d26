from celery import shared_task

from marketplace.events.models import Event

from .services import events_sweep_undelivered, notifications_create_for_event


@shared_task
def deliver_event(event_id: int) -> int:
    """Tell the people an event concerns. Redelivery is safe: the service is idempotent."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:  # its change was deleted since; nobody is left to tell
        return 0
    return len(notifications_create_for_event(event=event))


@shared_task
def sweep_undelivered_events() -> int:
    """Periodic (Celery beat): re-send events lost by the broker or a dead worker."""
    return events_sweep_undelivered()

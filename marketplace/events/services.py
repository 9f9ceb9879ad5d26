"""Recording events; only services call this, inside their own transaction."""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.utils import timezone

from companies.models import Company, User
from marketplace.models import OutsourcingRequest, Vendor

from .models import Event

logger = logging.getLogger(__name__)

# True while history is being loaded (see `events_as_history`).
_as_history: ContextVar[bool] = ContextVar("events_as_history", default=False)


@contextmanager
def events_as_history() -> Iterator[None]:
    """Record the events of changes made inside as history, told long ago: each is delivered
    as it is written, and nobody is told now — no notification, email or webhook.

    For `seed_demo`'s award history only: hundreds of tenders two years old, between demo
    organisations whose people cannot log in. Telling them today would be news to nobody and
    costs a worker's delivery per event (most of the seeding time on SQLite). Everything else
    about the change and its event is as usual.
    """
    token = _as_history.set(True)
    try:
        yield
    finally:
        _as_history.reset(token)


def event_record(
    *,
    kind: Event.Kind,
    actor: User | None,
    outsourcing_request: OutsourcingRequest | None = None,
    companies: Iterable[Company] = (),
    vendors: Iterable[Vendor] = (),
    data: dict | None = None,
    at=None,
) -> Event:
    """Write the event for a change the caller is making in the current transaction.

    Refuses to run outside one: an event written on its own could outlive a change that was
    rolled back, or a change could commit without its event. `at` dates what happened
    (`created_at`); the row's `recorded_at` is always now, as the events feed counts from it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("event_record() must run inside the transaction of the change.")
    event = Event(kind=kind, actor=actor if actor and actor.is_authenticated else None)
    event.request = outsourcing_request
    event.data = data or {}
    event.recorded_at = timezone.now()
    if at is not None:
        event.created_at = at
    history = _as_history.get()
    if history:
        event.delivered_at = event.recorded_at
    event.save()
    event.companies.set({company.pk for company in companies})
    event.vendors.set({vendor.pk for vendor in vendors})
    if history:
        return event
    # After commit, with the organisations set: a rolled-back change tells no one.
    transaction.on_commit(lambda: event_dispatch(event_id=event.pk))
    return event


def event_dispatch(*, event_id: int) -> bool:
    """Send the event to a worker to tell the people it concerns, and to the webhooks that
    want it. With the broker down it stays undelivered and the sweepers send it later; the
    change that made it has already committed and must not fail for it."""
    # Both import this app's models: imported here, when the event is on its way out.
    from marketplace.notifications.tasks import deliver_event
    from marketplace.webhooks.services import webhook_event_dispatch

    try:
        deliver_event.delay(event_id)
        # The organisations' webhook endpoints that asked for this kind; each delivery is a
        # task of its own (retries, then the sweeper for anything never attempted).
        webhook_event_dispatch(event=Event.objects.get(pk=event_id))
    except Exception:
        logger.warning(
            "Could not send event %s to the broker; the sweepers will.", event_id, exc_info=True
        )
        return False
    return True

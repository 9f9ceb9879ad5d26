"""Reading events: what an event looks like to integrators, and which events an organisation
reads in its feed."""

from datetime import UTC, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from companies.models import User
from companies.policies import membership_of

from .models import Event
from .policies import can_read_every_event


def event_payload(*, event: Event) -> dict:
    """What integrators receive for `event`, the same in a webhook's body and in the events
    feed (one function, so the two cannot drift): its id (receivers deduplicate by it), kind,
    time in UTC and the ids of the objects involved, with the request's — never personal data."""
    return {
        "id": event.pk,
        "type": event.kind,
        "created": event.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": {**event.data, "request": event.request_id},
    }


def event_list_for_feed(*, user: User, now=None) -> QuerySet[Event]:
    """The events concerning the user's organisation (its company, or its vendor), oldest
    first by id; staff read every event; anyone in no organisation none.

    Only events written at least EVENTS_FEED_DELAY seconds ago (`recorded_at`, never the date
    a service gives the event): ids are taken when a row is written, but transactions commit
    in their own order, so event 10 can become visible after event 11, and a client that asked
    `after=11` in between would never see 10. The delay is longer than any transaction that
    writes events may last — a web request is killed after WEB_TIMEOUT, a Celery task after
    CELERY_TASK_TIME_LIMIT, and a transaction whose process died never commits — so every
    lower id has committed or rolled back before a higher one is shown (the settings refuse
    a shorter delay: config/settings/base.py).
    """
    now = now or timezone.now()
    events = Event.objects.filter(
        recorded_at__lte=now - timedelta(seconds=settings.EVENTS_FEED_DELAY)
    ).order_by("pk")
    if can_read_every_event(user=user):
        return events
    membership = membership_of(user=user)
    if membership is None:
        return events.none()
    if membership.company_id is not None:
        return events.filter(companies=membership.company_id)
    return events.filter(vendors=membership.vendor_id)

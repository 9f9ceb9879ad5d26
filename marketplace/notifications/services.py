"""Telling people of events: who is told, and marking what they have read."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from companies.models import Membership, User
from marketplace.events.models import Event
from marketplace.events.services import event_dispatch

from .models import Notification

# An event younger than this may still be on its way (after commit, in the queue): the sweeper
# leaves it to its first delivery.
SWEEP_AFTER = timedelta(minutes=1)


def event_recipients(*, event: Event) -> list[User]:
    """The members of the companies and vendors the event concerns, except whoever did it."""
    memberships = Membership.objects.filter(company__in=event.companies.all()) | (
        Membership.objects.filter(vendor__in=event.vendors.all())
    )
    users = User.objects.filter(membership__in=memberships, is_active=True)
    if event.actor_id is not None:
        users = users.exclude(pk=event.actor_id)
    return list(users.order_by("pk"))


@transaction.atomic
def notifications_create_for_event(*, event: Event) -> list[Notification]:
    """Tell each recipient of `event` once, and mark the event delivered.

    Idempotent: a second delivery (a redelivered message, the sweeper) finds the unique
    (recipient, event) rows already there and adds none.
    """
    rows = [
        Notification(recipient=user, event=event, kind=event.kind, created_at=event.created_at)
        for user in event_recipients(event=event)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    Event.objects.filter(pk=event.pk, delivered_at__isnull=True).update(delivered_at=timezone.now())
    return list(Notification.objects.filter(event=event))


def events_sweep_undelivered(*, now=None) -> int:
    """Send again the events older than SWEEP_AFTER that no worker delivered (the broker was
    down, a worker died). Returns how many the broker took."""
    now = now or timezone.now()
    stale = Event.objects.filter(delivered_at__isnull=True, created_at__lt=now - SWEEP_AFTER)
    return sum(
        event_dispatch(event_id=event_id)
        for event_id in stale.order_by("pk").values_list("pk", flat=True)
    )


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark read; reading it again keeps the first time."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark read every unread notification of `user`; returns how many."""
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )

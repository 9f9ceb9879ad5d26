"""Telling people of events: who is told, by email how and when, and marking what they have
read.

An email's state is on its notification (`email_status`): PENDING when made, then decided once
by whoever claims the row — SENT (emailed at once), DIGEST (waits for the daily digest, then
SENT) or SKIPPED (no email wanted, no address, or the event is no longer news). The claim locks
the row for the time of the sending, so a redelivered task, a second worker or the sweeper finds
it decided, or locked and skips it; a mail server's error rolls the claim back, leaving it
PENDING for the task's retry.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from companies.choices import Role
from companies.models import Membership, User
from marketplace.events.models import Event
from marketplace.events.services import event_dispatch

from .emails import digest_email, notification_email
from .models import EmailChoice, EmailStatus, Notification, NotificationPreference
from .selectors import (
    DEFAULT_EMAIL,
    notification_email_address,
    notification_preference_for,
    notification_preferences_for,
)

logger = logging.getLogger(__name__)

# An event younger than this may still be on its way (after commit, in the queue): the sweeper
# leaves it to its first delivery.
SWEEP_AFTER = timedelta(minutes=1)


# An email is news: an event older than this when its notification's email is decided (after an
# outage longer than that, or history loaded by `seed_demo`) is told in the app only.
EMAIL_NEWS_FOR = timedelta(days=1)

# Kinds only the organisation's owners are told of: what only they may act on.
OWNERS_ONLY = {Event.Kind.WEBHOOK_ENDPOINT_DISABLED}


def event_recipients(*, event: Event) -> list[User]:
    """The members of the companies and vendors the event concerns (only their owners for
    the kinds in OWNERS_ONLY), except whoever did it."""
    memberships = Membership.objects.filter(company__in=event.companies.all()) | (
        Membership.objects.filter(vendor__in=event.vendors.all())
    )
    if event.kind in OWNERS_ONLY:
        memberships = memberships.filter(role=Role.OWNER)
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
    down, a worker died), and those delivered whose emails are still undecided (their task was
    lost). Returns how many the broker took."""
    from .tasks import send_event_emails  # the task module imports this one

    now = now or timezone.now()
    stale = Event.objects.filter(delivered_at__isnull=True, created_at__lt=now - SWEEP_AFTER)
    taken = sum(
        event_dispatch(event_id=event_id)
        for event_id in stale.order_by("pk").values_list("pk", flat=True)
    )
    unsent = (
        Notification.objects.filter(
            email_status=EmailStatus.PENDING,
            created_at__lt=now - SWEEP_AFTER,
            event__delivered_at__isnull=False,
        )
        .order_by("event_id")
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event_id in unsent:
        try:
            send_event_emails.delay(event_id)
        except Exception:  # the broker is down: the next sweep tries again
            logger.warning("Could not queue the emails of event %s.", event_id, exc_info=True)
            continue
        taken += 1
    return taken


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


# --- Email preferences -----------------------------------------------------------------------


def notification_preference_set(*, user: User, kind: str, email: str) -> NotificationPreference:
    """Choose how `user` is emailed of `kind` events (in the app they are always told)."""
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    preference = preference or NotificationPreference(user=user, kind=kind)
    preference.email = email
    # Refuses a kind or a choice that is not one (ValidationError, 400).
    preference.full_clean(validate_unique=False, validate_constraints=False)
    preference.save()
    return preference


@transaction.atomic
def notification_preferences_set(*, user: User, emails: dict[str, str]) -> None:
    """Several kinds' choices at once (the preferences page): all of them or none."""
    for kind, email in emails.items():
        notification_preference_set(user=user, kind=kind, email=email)


def notification_preferences_set_all(*, user: User, email: str) -> None:
    """The same choice for every kind ("no email at all", or an unsubscribe from all)."""
    notification_preferences_set(user=user, emails=dict.fromkeys(DEFAULT_EMAIL, email))


# --- Sending ---------------------------------------------------------------------------------


def _email_decide(notification: Notification) -> tuple[str, str | None]:
    """What the recipient wants done with this notification's email now, and the address."""
    if notification.event.created_at < timezone.now() - EMAIL_NEWS_FOR:
        return EmailStatus.SKIPPED, None
    address = notification_email_address(user=notification.recipient)
    if address is None:
        return EmailStatus.SKIPPED, None
    choice = notification_preference_for(user=notification.recipient, kind=notification.kind)
    status = {
        EmailChoice.IMMEDIATE: EmailStatus.SENT,
        EmailChoice.DAILY: EmailStatus.DIGEST,
        EmailChoice.NEVER: EmailStatus.SKIPPED,
    }[choice.email]
    return status, address


def notification_email_send(*, notification_id: int) -> str | None:
    """Decide the email of one pending notification and, if its recipient wants it now, send
    it. Returns what it became, or None if it was not pending (decided, or being decided by
    another worker, which holds its lock).

    A mail server's error propagates with the row still PENDING (the transaction rolls back):
    the caller retries. An email sent whose row then fails to save may be sent again; its
    Message-ID is the same, so the mail client shows it once.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "event", "event__request", "event__request__company")
            .filter(pk=notification_id, email_status=EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return None
        status, address = _email_decide(notification)
        if status == EmailStatus.SENT:
            notification_email(notification=notification, address=address).send()
            notification.emailed_at = timezone.now()
        notification.email_status = status
        notification.save(update_fields=["email_status", "emailed_at", "updated_at"])
        return status


def notifications_email_for_event(*, event_id: int) -> int:
    """Decide and send the emails of an event's notifications still pending; how many were
    sent. Each is claimed on its own: a failure leaves those already sent sent."""
    pending = Notification.objects.filter(
        event_id=event_id, email_status=EmailStatus.PENDING
    ).order_by("pk")
    return sum(
        notification_email_send(notification_id=pk) == EmailStatus.SENT
        for pk in pending.values_list("pk", flat=True)
    )


def notifications_digest_send(*, user_id: int) -> int:
    """Email `user_id` one digest of their notifications waiting for it; how many it listed.

    Idempotent: the rows it lists become SENT in the same transaction as the sending, so a
    second run finds none. Those of a kind the person has meanwhile set to "never" are
    SKIPPED instead."""
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "event", "event__request", "event__request__company")
            .filter(recipient_id=user_id, email_status=EmailStatus.DIGEST)
            .order_by("created_at", "pk")
        )
        if not waiting:
            return 0
        user = waiting[0].recipient
        address = notification_email_address(user=user)
        unwanted = {
            preference.kind
            for preference in notification_preferences_for(user=user)
            if preference.email == EmailChoice.NEVER
        }
        listed = [n for n in waiting if address is not None and n.kind not in unwanted]
        if listed:
            digest_email(user=user, notifications=listed, address=address).send()
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in listed]).update(
            email_status=EmailStatus.SENT, emailed_at=now, updated_at=now
        )
        Notification.objects.filter(pk__in=[n.pk for n in waiting if n not in listed]).update(
            email_status=EmailStatus.SKIPPED, updated_at=now
        )
        return len(listed)

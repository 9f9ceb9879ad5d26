"""Telling people of events: who is told, by email how and when, and marking what they have
read.

An email's state is on its notification (`email_status`): PENDING when made, then decided once
by whoever claims the row — SENT (emailed at once), DIGEST (waits for the daily digest, then
SENT) or SKIPPED (no email wanted, no address, or the event is no longer news). The claim locks
the row for the time of the sending, so a redelivered task, a second worker or the sweeper finds
it decided, or locked and skips it. A mail server's passing error (4xx, a lost connection) rolls
the claim back, leaving it PENDING for the task's retry; a refusal for good (5xx) makes it
FAILED. Each row is sent on its own: one refused address holds up nobody else.
"""

import logging
from contextlib import suppress
from datetime import timedelta
from smtplib import (
    SMTPDataError,
    SMTPException,
    SMTPRecipientsRefused,
)

from django.core.mail import get_connection
from django.db import models, transaction
from django.utils import timezone

from companies.choices import Role
from companies.models import Membership, User
from companies.services import user_language_set
from marketplace.events.models import Event
from marketplace.events.services import event_dispatch

from .emails import ALL_KINDS, digest_email, notification_email
from .models import EmailChoice, EmailStatus, Notification, NotificationPreference
from .selectors import (
    DEFAULT_EMAIL,
    UnsubscribeTarget,
    notification_email_address,
    notification_preference_for,
    notification_preferences_for,
    notification_unsubscribe_target,
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


def notifications_email_queue(*, event_id: int, now=None) -> bool:
    """Queue the task that emails an event's pending notifications, and note when on them (the
    sweeper leaves them to that task while it may still be retrying). False if the broker did
    not take it: the rows keep their last date, and the sweeper queues it later."""
    from .tasks import send_event_emails  # the task module imports this one

    now = now or timezone.now()
    try:
        send_event_emails.delay(event_id)
    except Exception:
        logger.warning("Could not queue the emails of event %s.", event_id, exc_info=True)
        return False
    Notification.objects.filter(event_id=event_id, email_status=EmailStatus.PENDING).update(
        email_queued_at=now
    )
    return True


def events_sweep_undelivered(*, now=None) -> int:
    """Send again the events older than SWEEP_AFTER that no worker delivered (the broker was
    down, a worker died), and those delivered whose emails are still undecided with no task
    left that could decide them: never queued (the broker refused it), or queued longer ago
    than the email task's whole retry window (the task was lost). A task still in its backoff
    is left alone — queueing another each minute would pile tasks up during a mail outage.
    Returns how many the broker took."""
    from .tasks import MAIL_RETRY_WINDOW  # the task module imports this one

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
        .filter(
            models.Q(email_queued_at__isnull=True)
            | models.Q(email_queued_at__lt=now - MAIL_RETRY_WINDOW)
        )
        .order_by("event_id")
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event_id in unsent:
        taken += notifications_email_queue(event_id=event_id, now=now)
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
    # Refuses a kind or a choice that is not one (ValidationError, 400).
    NotificationPreference(user=user, kind=kind, email=email).full_clean(
        validate_unique=False, validate_constraints=False
    )
    # Two saves at once (a double-clicked unsubscribe, two PATCHes) may both find no row: the
    # one whose insert loses to the unique constraint updates the winner's row instead.
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"email": email}
    )
    return preference


@transaction.atomic
def notification_preferences_set(*, user: User, emails: dict[str, str]) -> None:
    """Several kinds' choices at once (the preferences page): all of them or none."""
    for kind, email in emails.items():
        notification_preference_set(user=user, kind=kind, email=email)


def notification_preferences_set_all(*, user: User, email: str) -> None:
    """The same choice for every kind ("no email at all", or an unsubscribe from all)."""
    notification_preferences_set(user=user, emails=dict.fromkeys(DEFAULT_EMAIL, email))


@transaction.atomic
def notification_settings_set(*, user: User, language: str, emails: dict[str, str]) -> None:
    """The preferences page's form: the language emails are written in and each kind's
    choice, all saved or none (a language the site does not speak is refused)."""
    user_language_set(user=user, language=language)
    notification_preferences_set(user=user, emails=emails)


def notification_unsubscribe(*, token: str, every: bool = False) -> UnsubscribeTarget:
    """Stop the emails an unsubscribe link names: its kind, or every kind (`every`, or the
    link of a digest, which names them all). No login: the signed token says who. Returns
    what stopped (kind ALL_KINDS: everything); UnsubscribeLinkInvalid for a token that names
    nothing (not made here, a person gone), and nothing changes."""
    target = notification_unsubscribe_target(token=token)
    if every or target.kind == ALL_KINDS:
        notification_preferences_set_all(user=target.user, email=EmailChoice.NEVER)
        return UnsubscribeTarget(user=target.user, kind=ALL_KINDS)
    notification_preference_set(user=target.user, kind=target.kind, email=EmailChoice.NEVER)
    return target


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


# The mail server's refusals of one message (its recipients, its content), not of us.
MESSAGE_REFUSALS = (SMTPRecipientsRefused, SMTPDataError)


def refused_for_good(error: Exception) -> bool:
    """Whether the mail server refused this message for good (SMTP 5xx about its recipient or
    its content): sending it again would be refused again. A 4xx (mailbox busy, greylisting)
    may pass; a refused sender (530, 553) is our own server's configuration, which will be
    fixed — retried, never given up on."""
    if isinstance(error, SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


def notification_email_send(*, notification_id: int, connection=None) -> str | None:
    """Decide the email of one pending notification and, if its recipient wants it now, send
    it (through `connection`, shared by the caller's emails). Returns what it became, or None
    if it was not pending (decided, or being decided by another worker, which holds its lock).

    A mail server's passing error propagates with the row still PENDING (the transaction rolls
    back): the caller retries. A refusal for good marks it FAILED and is logged. An email sent
    whose row then fails to save may be sent again; its Message-ID is the same, so the mail
    client shows it once.
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
            email = notification_email(notification=notification, address=address)
            email.connection = connection
            try:
                # Opened once, by the first email that needs it: the backend closes a connection
                # only when it opened it for that message.
                if connection is not None:
                    connection.open()
                email.send()
            except SMTPException as error:
                if not refused_for_good(error):
                    raise
                logger.warning(
                    "The mail server refused the email of notification %s for good: %s",
                    notification.pk,
                    error,
                )
                status = EmailStatus.FAILED
            else:
                notification.emailed_at = timezone.now()
        notification.email_status = status
        notification.save(update_fields=["email_status", "emailed_at", "updated_at"])
        return status


def notifications_email_for_event(*, event_id: int) -> int:
    """Decide and send the emails of an event's notifications still pending; how many were
    sent, over one connection to the mail server.

    Each is claimed and sent on its own: a refusal of one message (its mailbox, its content)
    leaves the others to be sent, and is raised once all were tried, so that the task retries
    only those still pending. Anything else — the server down or refusing us, a time limit —
    would stop every other email too: raised at once, for the task's retry."""
    pending = list(
        Notification.objects.filter(event_id=event_id, email_status=EmailStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    failure = None
    connection = get_connection()
    try:
        for pk in pending:
            try:
                sent += notification_email_send(notification_id=pk, connection=connection) == (
                    EmailStatus.SENT
                )
            except MESSAGE_REFUSALS as error:
                logger.warning(
                    "Could not email notification %s; it stays pending.", pk, exc_info=True
                )
                failure = failure or error
                # A connection that failed may be unusable: the next email opens another.
                with suppress(Exception):
                    connection.close()
    finally:
        with suppress(Exception):
            connection.close()
    if failure is not None:
        raise failure
    return sent


def notifications_digest_send(*, user_id: int) -> int:
    """Email `user_id` one digest of their notifications waiting for it; how many it listed.

    Idempotent: the rows it lists become SENT in the same transaction as the sending, so a
    second run finds none (FAILED if the mail server refuses it for good). Those of a kind the
    person has meanwhile set to "never" are SKIPPED instead."""
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
        status = EmailStatus.SENT
        if listed:
            try:
                digest_email(user=user, notifications=listed, address=address).send()
            except SMTPException as error:
                if not refused_for_good(error):
                    raise
                logger.warning(
                    "The mail server refused the digest of user %s for good: %s", user_id, error
                )
                status = EmailStatus.FAILED
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in listed]).update(
            email_status=status,
            emailed_at=now if status == EmailStatus.SENT else None,
            updated_at=now,
        )
        Notification.objects.filter(pk__in=[n.pk for n in waiting if n not in listed]).update(
            email_status=EmailStatus.SKIPPED, updated_at=now
        )
        return len(listed) if status == EmailStatus.SENT else 0

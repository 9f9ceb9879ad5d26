from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval

from marketplace.events.models import Event

from .selectors import notification_digest_recipients
from .services import (
    events_sweep_undelivered,
    notifications_create_for_event,
    notifications_digest_send,
    notifications_email_for_event,
    notifications_email_queue,
)

# A mail server that is down or refuses the message is retried with backoff over about two
# hours (companies/tasks.py); what was sent meanwhile stays sent.
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}
# A generous bound on one attempt of an email task (an SMTP timeout on each of its emails).
MAIL_ATTEMPT_TIME = timedelta(minutes=2)


def retry_window(options: dict) -> timedelta:
    """The longest a task with these retry options may still be running after it was queued:
    every backoff at its longest (Celery's jitter only shortens them) plus each attempt."""
    backoffs = sum(
        get_exponential_backoff_interval(
            factor=options["retry_backoff"],
            retries=retry,
            maximum=options["retry_backoff_max"],
            full_jitter=False,
        )
        for retry in range(options["max_retries"])
    )
    return timedelta(seconds=backoffs) + (options["max_retries"] + 1) * MAIL_ATTEMPT_TIME


# The sweeper leaves pending emails to the task queued for them for this long.
MAIL_RETRY_WINDOW = retry_window(MAIL_RETRY)


@shared_task
def deliver_event(event_id: int) -> int:
    """Tell the people an event concerns, then email those who want it now. Redelivery is
    safe: the services are idempotent."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:  # its change was deleted since; nobody is left to tell
        return 0
    told = len(notifications_create_for_event(event=event))
    # The notifications are committed: the emails are a task of their own, retried on their
    # own. If it cannot be queued, the sweeper queues it (their notifications stay pending).
    notifications_email_queue(event_id=event_id)
    return told


@shared_task(**MAIL_RETRY)
def send_event_emails(event_id: int) -> int:
    """Email an event's notifications to those who want them at once."""
    return notifications_email_for_event(event_id=event_id)


@shared_task
def send_daily_digests() -> int:
    """Periodic (Celery beat, daily): queue each waiting person's digest."""
    recipients = notification_digest_recipients()
    for user_id in recipients:
        send_digest.delay(user_id)
    return len(recipients)


@shared_task(**MAIL_RETRY)
def send_digest(user_id: int) -> int:
    """One person's digest; a second run finds nothing left to send."""
    return notifications_digest_send(user_id=user_id)


@shared_task
def sweep_undelivered_events() -> int:
    """Periodic (Celery beat): re-send events lost by the broker or a dead worker."""
    return events_sweep_undelivered()

"""Writes of webhooks: registering, changing, rolling and removing endpoints, and delivering
an event to one.

Registration validates the URL (urls_check.py) through the model's `full_clean()`, so the API
answers a 400 naming `url`; delivery checks it again and connects to the address it checked.
"""

import http.client
import json
import logging
import socket
import ssl
import time
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from companies.policies import membership_of
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.events.selectors import event_payload
from marketplace.events.services import event_record

from .models import (
    EXCERPT_LENGTH,
    NO_OUTCOME,
    WebhookDelivery,
    WebhookEndpoint,
    secret_generate,
)
from .policies import can_create_webhook_endpoint, can_manage_webhook_endpoint
from .schedule import GIVE_UP_AFTER_SECONDS, next_retry_delay
from .selectors import webhook_endpoint_list_for_event
from .signing import HEADER, signature_header
from .urls_check import Target, url_target

TIMEOUT_SECONDS = 5
USER_AGENT = "Norte-Webhooks/1"
# How late a queued attempt may be before the sweeper sends it itself: longer than a task
# takes to be picked up and delivered (a 5 s timeout), so it rarely doubles a live one.
SWEEP_GRACE = timedelta(minutes=5)

logger = logging.getLogger(__name__)


@transaction.atomic
def webhook_endpoint_create(*, actor, url: str, events: list[str]) -> WebhookEndpoint:
    """Register an endpoint for the actor's organisation (its owners). Its `secret` is read
    once, by whoever registered it, from the returned row."""
    refuse_unless(can_create_webhook_endpoint, user=actor)
    membership = membership_of(user=actor)
    endpoint = WebhookEndpoint(
        company=membership.company,
        vendor=membership.vendor,
        url=url,
        events=events,
        created_by=actor,
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *,
    actor,
    webhook_endpoint: WebhookEndpoint,
    url: str | None = None,
    events: list[str] | None = None,
    is_active: bool | None = None,
) -> WebhookEndpoint:
    """Change where and what an endpoint receives, or pause it; turning a disabled endpoint
    back on forgets why it was disabled."""
    refuse_unless(can_manage_webhook_endpoint, user=actor, obj=webhook_endpoint)
    if url is not None:
        webhook_endpoint.url = url
    if events is not None:
        webhook_endpoint.events = events
    if is_active is not None:
        webhook_endpoint.is_active = is_active
        if is_active:
            webhook_endpoint.disabled_at, webhook_endpoint.disabled_reason = None, ""
    webhook_endpoint.full_clean()
    webhook_endpoint.save()
    return webhook_endpoint


@transaction.atomic
def webhook_endpoint_roll_secret(*, actor, webhook_endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new signing secret, effective at once (the old one stops signing)."""
    refuse_unless(can_manage_webhook_endpoint, user=actor, obj=webhook_endpoint)
    webhook_endpoint.secret = secret_generate()
    webhook_endpoint.save(update_fields=["secret", "updated_at"])
    return webhook_endpoint


@transaction.atomic
def webhook_endpoint_delete(*, actor, webhook_endpoint: WebhookEndpoint) -> None:
    """Remove an endpoint and its delivery log."""
    refuse_unless(can_manage_webhook_endpoint, user=actor, obj=webhook_endpoint)
    webhook_endpoint.delete()


def webhook_payload(*, event: Event) -> bytes:
    """The body every endpoint receives for `event`: the events feed's payload
    (`event_payload`), as compact JSON with sorted keys."""
    return json.dumps(event_payload(event=event), separators=(",", ":"), sort_keys=True).encode()


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the address the guard checked, with the certificate checked for the host name
    (SNI too): a second DNS lookup could answer a private address."""

    def __init__(self, target: Target, **kwargs):
        super().__init__(target.host, target.port, context=ssl.create_default_context(), **kwargs)
        self._address = target.address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Plain HTTP to the checked address: loopback only (WEBHOOKS_ALLOW_LOOPBACK)."""

    def __init__(self, target: Target, **kwargs):
        super().__init__(target.host, target.port, **kwargs)
        self._address = target.address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def _post(*, target: Target, body: bytes, headers: dict) -> tuple[int, str]:
    """POST `body`; the status and the start of the answer. Redirects are not followed
    (http.client never does): a 3xx is a failed attempt like any other non-2xx."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        # Only the excerpt is read: a receiver answering gigabytes costs nothing more.
        excerpt = response.read(EXCERPT_LENGTH).decode("utf-8", errors="replace")
        return response.status, excerpt
    finally:
        connection.close()


def webhook_deliver(*, endpoint: WebhookEndpoint, event: Event) -> WebhookDelivery:
    """Send `event` to `endpoint` once and record the attempt (status, time, excerpt, or why it
    failed). Retrying is the caller's business; this never raises for the receiver's faults.

    The attempt is recorded before the POST, as `NO_OUTCOME`, and its outcome after: a worker
    that dies in between (the receiver may have the POST) leaves the attempt in the log, and
    the sweeper takes it for a failed one. Called outside any transaction (a task): inside
    one, the attempt would not be committed before its POST, and the endpoint's row would stay
    locked for the POST's duration — `webhook_replay` records there and sends after commit."""
    return _attempt_send(delivery=_attempt_record(endpoint=endpoint, event=event))


def _attempt_record(*, endpoint: WebhookEndpoint, event: Event) -> WebhookDelivery:
    with transaction.atomic():
        # One row per attempt: the lock keeps two concurrent attempts from taking one number.
        WebhookEndpoint.objects.select_for_update().filter(pk=endpoint.pk).first()
        last = endpoint.deliveries.filter(event=event).aggregate(last=Max("attempt"))["last"]
        return WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, attempt=(last or 0) + 1, error=NO_OUTCOME
        )


def _attempt_send(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """POST a recorded attempt's event and record its outcome on the attempt's row."""
    endpoint, event = delivery.endpoint, delivery.event
    body = webhook_payload(event=event)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        HEADER: signature_header(secret=endpoint.secret, body=body, timestamp=int(time.time())),
        "Idempotency-Key": str(event.pk),
        "Norte-Event-Id": str(event.pk),
    }
    status_code, excerpt, error = None, "", ""
    started = time.monotonic()
    try:
        # Resolved again now, not trusted from registration (DNS rebinding).
        target = url_target(endpoint.url)
        status_code, excerpt = _post(target=target, body=body, headers=headers)
        if 300 <= status_code < 400:
            error = "redirect not followed"
        elif not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except TimeoutError:
        error = "timed out"
    except Exception as failure:
        error = (getattr(failure, "messages", None) or [type(failure).__name__])[0]
    delivery.status_code = status_code
    delivery.error = str(error)[:200]
    delivery.duration_ms = round((time.monotonic() - started) * 1000)
    delivery.response_excerpt = excerpt
    delivery.save(update_fields=["status_code", "error", "duration_ms", "response_excerpt"])
    return delivery


def webhook_dispatch(*, endpoint_id: int, event_id: int, countdown: int = 0) -> bool:
    """Queue one attempt. With the broker down nothing is queued and the caller goes on: the
    change that made the event has happened and must not fail for its webhooks."""
    from .tasks import webhook_deliver_task  # the task module imports this one

    if countdown and webhook_deliver_task.app.conf.task_always_eager:
        # An eager run (`make run`) cannot wait: it would spend the day's ten attempts in
        # milliseconds and disable the endpoint. The failed attempt stays in the log to replay.
        logger.info("No worker to retry webhook event %s later; replay it.", event_id)
        return False
    try:
        webhook_deliver_task.apply_async((endpoint_id, event_id), countdown=countdown)
    except Exception:
        logger.warning(
            "Could not queue webhook event %s for endpoint %s.",
            event_id,
            endpoint_id,
            exc_info=True,
        )
        return False
    return True


def webhook_event_dispatch(*, event: Event) -> int:
    """Queue `event` for every endpoint that wants it, once the event's transaction commits
    (a rolled-back change sends nothing). How many endpoints it went to."""
    endpoints = webhook_endpoint_list_for_event(event=event)
    for endpoint in endpoints:
        transaction.on_commit(
            lambda endpoint_id=endpoint.pk: webhook_dispatch(
                endpoint_id=endpoint_id, event_id=event.pk
            )
        )
    return len(endpoints)


def webhook_attempt(*, endpoint_id: int, event_id: int) -> WebhookDelivery | None:
    """One scheduled attempt: deliver, and if it failed queue the next one on the schedule
    (schedule.py); after the last, an endpoint that has not succeeded since the event's first
    attempt — a day of failures — is disabled.

    None when there is nothing to send: the endpoint or event is gone, the endpoint is not
    active, or the event already reached it (a task delivered twice sends once)."""
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, is_active=True).first()
    event = Event.objects.filter(pk=event_id).first()
    if endpoint is None or event is None:
        return None
    attempts = endpoint.deliveries.filter(event=event)
    if attempts.filter(status_code__gte=200, status_code__lt=300).exists():
        return None
    delivery = webhook_deliver(endpoint=endpoint, event=event)
    if delivery.succeeded:
        return delivery
    delay = next_retry_delay(delivery.attempt)
    if delay is not None:
        webhook_dispatch(endpoint_id=endpoint.pk, event_id=event.pk, countdown=delay)
        return delivery
    first = attempts.order_by("attempt").values_list("created_at", flat=True).first()
    recovered = endpoint.deliveries.filter(
        created_at__gte=first, status_code__gte=200, status_code__lt=300
    )
    if not recovered.exists():
        webhook_endpoint_disable(
            webhook_endpoint=endpoint,
            reason=f"Every attempt to deliver event {event.pk} for a day failed.",
            failed_event=event,
        )
    return delivery


@transaction.atomic
def webhook_endpoint_disable(
    *, webhook_endpoint: WebhookEndpoint, reason: str, failed_event: Event | None = None
) -> WebhookEndpoint:
    """Stop sending to an endpoint that keeps failing, and tell its organisation's owners
    (who turn it back on) which endpoint and why: the event it kept failing, by id in the
    event's data, so the sentence is written in each owner's language when read.

    The caller's copy was loaded before a POST of up to TIMEOUT_SECONDS: the row is locked and
    read again, and an endpoint no longer active — paused by its owners meanwhile, or disabled
    by the last attempt of another event — is left as it is and nobody is told (again).
    Only the fields this changes are written, so an owner's edit made meanwhile stays."""
    webhook_endpoint = WebhookEndpoint.objects.select_for_update().get(pk=webhook_endpoint.pk)
    if not webhook_endpoint.is_active:
        return webhook_endpoint
    webhook_endpoint.is_active = False
    webhook_endpoint.disabled_at = timezone.now()
    webhook_endpoint.disabled_reason = reason[:200]
    webhook_endpoint.save(
        update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"]
    )
    data = {"webhook_endpoint": webhook_endpoint.pk}
    if failed_event is not None:
        data["event"] = failed_event.pk
    event_record(
        kind=Event.Kind.WEBHOOK_ENDPOINT_DISABLED,
        actor=None,
        companies=[webhook_endpoint.company] if webhook_endpoint.company_id else [],
        vendors=[webhook_endpoint.vendor] if webhook_endpoint.vendor_id else [],
        data=data,
        at=webhook_endpoint.disabled_at,
    )
    return webhook_endpoint


@transaction.atomic
def webhook_replay(*, actor, webhook_endpoint: WebhookEndpoint, event_id: int) -> WebhookDelivery:
    """Send an event again, once (its owners): after fixing a receiver, or to test one. Only an
    event that concerns the endpoint's organisation; any other id, whether or not it exists, is
    the same 400.

    The attempt is recorded here, in the caller's transaction, and its POST is queued once that
    commits (`webhook_replay_dispatch`): the API's `Idempotency-Key` runs the whole request in
    one transaction, with its answer, so a POST sent inside it would go before its attempt was
    committed, hold the endpoint's row locked for up to TIMEOUT_SECONDS, and could not be undone
    by a rollback. So a rolled-back request sends nothing, and a request replayed with its key
    gets the first answer and sends nothing more. The returned attempt has no outcome yet,
    unless the send already ran (eager Celery, or the broker down: sent on the spot)."""
    refuse_unless(can_manage_webhook_endpoint, user=actor, obj=webhook_endpoint)
    if webhook_endpoint.company_id:
        events = Event.objects.filter(companies=webhook_endpoint.company_id)
    else:
        events = Event.objects.filter(vendors=webhook_endpoint.vendor_id)
    event = events.filter(pk=event_id).first()
    if event is None:
        raise ValidationError(
            {
                "event": ValidationError(
                    gettext("No event of this organisation has this id."), code="invalid"
                )
            }
        )
    delivery = _attempt_record(endpoint=webhook_endpoint, event=event)
    transaction.on_commit(lambda: webhook_replay_dispatch(delivery_id=delivery.pk))
    return delivery


def webhook_replay_dispatch(*, delivery_id: int) -> None:
    """Queue the POST of a replay's recorded attempt; with the broker down, send it now (this
    runs after the commit, outside any transaction), as a replay is asked for now."""
    from .tasks import webhook_replay_send_task  # the task module imports this one

    try:
        webhook_replay_send_task.delay(delivery_id)
    except Exception:
        logger.warning(
            "Could not queue the replay of attempt %s; sending it now.", delivery_id, exc_info=True
        )
        webhook_replay_send(delivery_id=delivery_id)


def webhook_replay_send(*, delivery_id: int) -> WebhookDelivery | None:
    """POST a replay's recorded attempt; None if it is gone (the endpoint was removed) or
    already has its outcome (a task run twice sends once)."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "event")
        .filter(pk=delivery_id, status_code__isnull=True, error=NO_OUTCOME)
        .first()
    )
    if delivery is None:
        return None
    return _attempt_send(delivery=delivery)


def webhook_sweep(*, now: datetime | None = None) -> int:
    """Periodic (Celery beat): queue what was lost — an event no attempt was made for (the
    broker was down when it happened), or a failed attempt whose retry is overdue (a worker
    died holding it). Only what is `SWEEP_GRACE` late, so a live task is rarely doubled;
    if one is, the receiver deduplicates by the event's id. How many attempts it queued."""
    now = now or timezone.now()
    since = now - timedelta(seconds=GIVE_UP_AFTER_SECONDS) - SWEEP_GRACE
    queued = 0
    for endpoint in WebhookEndpoint.objects.filter(is_active=True):
        concerned = (
            Q(companies=endpoint.company_id)
            if endpoint.company_id
            else Q(vendors=endpoint.vendor_id)
        )
        events = Event.objects.filter(
            concerned,
            kind__in=endpoint.events,
            created_at__gte=max(since, endpoint.created_at),
            created_at__lte=now - SWEEP_GRACE,
        ).distinct()
        for event in events:
            last = endpoint.deliveries.filter(event=event).order_by("-attempt").first()
            if last is None:
                due = event.created_at
            elif last.succeeded or (delay := next_retry_delay(last.attempt)) is None:
                continue
            else:
                due = last.created_at + timedelta(seconds=delay)
            if due + SWEEP_GRACE <= now:
                queued += webhook_dispatch(endpoint_id=endpoint.pk, event_id=event.pk)
    return queued

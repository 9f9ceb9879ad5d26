"""Writes of webhooks: registering, changing, rolling and removing endpoints, and delivering
an event to one.

Registration validates the URL (urls_check.py) through the model's `full_clean()`, so the API
answers a 400 naming `url`; delivery checks it again and connects to the address it checked.
"""

import http.client
import json
import socket
import ssl
import time
from datetime import UTC

from django.db import transaction
from django.db.models import Max

from companies.policies import membership_of
from config.policies import refuse_unless
from marketplace.events.models import Event

from .models import EXCERPT_LENGTH, WebhookDelivery, WebhookEndpoint, secret_generate
from .policies import can_create_webhook_endpoint, can_manage_webhook_endpoint
from .signing import HEADER, signature_header
from .urls_check import Target, url_target

TIMEOUT_SECONDS = 5
USER_AGENT = "Norte-Webhooks/1"


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
    """What every endpoint receives for `event`: its id (receivers deduplicate by it), kind,
    time in UTC and the ids of the objects involved, with the request's."""
    data = {**event.data, "request": event.request_id}
    body = {
        "id": event.pk,
        "type": event.kind,
        "created": event.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


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
    failed). Retrying is the caller's business; this never raises for the receiver's faults."""
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
    duration_ms = round((time.monotonic() - started) * 1000)
    with transaction.atomic():
        # One row per attempt: the lock keeps two concurrent attempts from taking one number.
        WebhookEndpoint.objects.select_for_update().filter(pk=endpoint.pk).first()
        last = endpoint.deliveries.filter(event=event).aggregate(last=Max("attempt"))["last"]
        return WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=event,
            attempt=(last or 0) + 1,
            status_code=status_code,
            error=str(error)[:200],
            duration_ms=duration_ms,
            response_excerpt=excerpt,
        )

"""Reads of webhooks, scoped to who asks."""

from datetime import datetime, timedelta

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from companies.policies import membership_of
from marketplace.events.models import Event

from .models import WebhookDelivery, WebhookEndpoint
from .schedule import GIVE_UP_AFTER_SECONDS, next_retry_delay


def webhook_endpoint_list_visible(*, user) -> QuerySet[WebhookEndpoint]:
    """Staff see every endpoint; members of an organisation see its own; anyone else none."""
    endpoints = WebhookEndpoint.objects.select_related("company", "vendor")
    if user.is_staff:
        return endpoints
    membership = membership_of(user=user)
    if membership is None:
        return endpoints.none()
    if membership.company_id:
        return endpoints.filter(company_id=membership.company_id)
    return endpoints.filter(vendor_id=membership.vendor_id)


def webhook_endpoint_list_with_last_delivery(*, user) -> QuerySet[WebhookEndpoint]:
    """The endpoints `user` sees, each with its latest attempt's `last_status_code`,
    `last_error` and `last_delivery_at` (None for an endpoint nothing was sent to yet)."""
    last = WebhookDelivery.objects.filter(endpoint=OuterRef("pk")).order_by("-created_at", "-id")
    return webhook_endpoint_list_visible(user=user).annotate(
        last_status_code=Subquery(last.values("status_code")[:1]),
        last_error=Subquery(last.values("error")[:1]),
        last_delivery_at=Subquery(last.values("created_at")[:1]),
    )


def webhook_delivery_list(*, webhook_endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    """An endpoint's attempts, newest first (the endpoint is one its caller sees)."""
    return webhook_endpoint.deliveries.select_related("event")


def webhook_endpoint_list_for_event(*, event: Event) -> list[WebhookEndpoint]:
    """The active endpoints of the organisations `event` concerns that subscribed to its kind.

    The kinds are matched in Python: SQLite (tests, local) has no JSON containment lookup, and
    an organisation has a handful of endpoints."""
    organisations = Q(company__in=event.companies.all()) | Q(vendor__in=event.vendors.all())
    endpoints = WebhookEndpoint.objects.filter(organisations, is_active=True).distinct()
    return [endpoint for endpoint in endpoints if endpoint.wants(event.kind)]


def webhook_delivery_next_retries(
    *, webhook_endpoint: WebhookEndpoint, deliveries
) -> dict[int, datetime]:
    """When each of `deliveries` (attempts of `webhook_endpoint`) will be tried again, by
    delivery id: only a failed attempt that is its event's latest, on an active endpoint that
    the event has not reached yet, within the day the retries last (schedule.py) — the
    attempts `services.webhook_attempt` and the sweeper still make."""
    failed = [delivery for delivery in deliveries if not delivery.succeeded]
    if not webhook_endpoint.is_active or not failed:
        return {}
    events = {delivery.event_id for delivery in failed}
    attempts = webhook_endpoint.deliveries.filter(event__in=events)
    latest = dict(
        attempts.values("event").annotate(last=Max("attempt")).values_list("event", "last")
    )
    reached = set(
        attempts.filter(status_code__gte=200, status_code__lt=300).values_list("event", flat=True)
    )
    retries = {}
    for delivery in failed:
        if delivery.event_id in reached or latest.get(delivery.event_id) != delivery.attempt:
            continue
        delay = next_retry_delay(delivery.attempt)
        # The sweeper's window (services.SWEEP_GRACE past the day), which also takes back a
        # failed replay of a recent event; an older one is not tried again.
        window_ends = delivery.event.created_at + timedelta(
            seconds=GIVE_UP_AFTER_SECONDS, minutes=5
        )
        if delay is not None and delivery.created_at + timedelta(seconds=delay) <= window_ends:
            retries[delivery.pk] = delivery.created_at + timedelta(seconds=delay)
    return retries

"""Reads of webhooks, scoped to who asks."""

from django.db.models import Q, QuerySet

from companies.policies import membership_of
from marketplace.events.models import Event

from .models import WebhookDelivery, WebhookEndpoint


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

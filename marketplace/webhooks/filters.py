"""The webhooks' list filters (config/lists.py)."""

import django_filters

from config.lists import BooleanFilter, DateTimeFilter, TimestampFilterSet

from .models import WebhookEndpoint


class WebhookEndpointFilter(TimestampFilterSet):
    is_active = BooleanFilter(help_text="Only the active (true) or paused endpoints.")

    class Meta:
        model = WebhookEndpoint
        fields = ["is_active"]


class WebhookDeliveryFilter(TimestampFilterSet):
    """One endpoint's attempts (the endpoint is in the address). An attempt is written once and never changed: its `updated_*` are its creation's, so a
    client syncing every list the same way gets the new attempts."""

    updated_after = DateTimeFilter(
        field_name="created_at",
        lookup_expr="gte",
        help_text="Attempts made at or after this time (RFC 3339); attempts never change.",
    )
    updated_before = DateTimeFilter(
        field_name="created_at",
        lookup_expr="lt",
        help_text="Attempts made before this time (RFC 3339).",
    )
    event = django_filters.NumberFilter(help_text="The attempts for this event.")

"""The reads behind the webhooks pages: each endpoint's last attempt, and when a failed attempt
is tried again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.webhooks.models import WebhookDelivery
from marketplace.webhooks.selectors import (
    webhook_delivery_list,
    webhook_delivery_next_retries,
    webhook_endpoint_list_with_last_delivery,
)
from marketplace.webhooks.services import webhook_endpoint_update

pytestmark = pytest.mark.django_db


def attempt(endpoint, event, number, *, status_code=500, minutes_ago=0):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=event,
        attempt=number,
        status_code=status_code,
        error="" if status_code == 200 else f"HTTP {status_code}",
    )
    created_at = timezone.now() - timedelta(minutes=minutes_ago)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=created_at)
    delivery.created_at = created_at
    return delivery


def retries(endpoint):
    return webhook_delivery_next_retries(
        webhook_endpoint=endpoint, deliveries=list(webhook_delivery_list(webhook_endpoint=endpoint))
    )


def test_each_endpoint_comes_with_its_last_attempt(alice, endpoint, event):
    attempt(endpoint, event, 1, minutes_ago=5)
    attempt(endpoint, event, 2, status_code=200)

    [row] = webhook_endpoint_list_with_last_delivery(user=alice)

    assert (row.last_status_code, row.last_error) == (200, "")
    assert row.last_delivery_at is not None


def test_an_endpoint_nothing_was_sent_to_has_no_last_attempt(alice, endpoint):
    [row] = webhook_endpoint_list_with_last_delivery(user=alice)

    assert row.last_delivery_at is None


def test_only_the_latest_failed_attempt_of_an_event_has_a_next_retry(endpoint, event):
    first = attempt(endpoint, event, 1, minutes_ago=2)
    second = attempt(endpoint, event, 2)

    found = retries(endpoint)

    assert first.pk not in found
    # After the second attempt, the third comes 3 minutes later (schedule.py).
    assert found[second.pk] == second.created_at + timedelta(minutes=3)


def test_an_event_that_arrived_is_not_tried_again(endpoint, event):
    attempt(endpoint, event, 1, minutes_ago=2)
    attempt(endpoint, event, 2, status_code=200)

    assert retries(endpoint) == {}


def test_a_paused_endpoint_is_not_tried_again(alice, endpoint, event):
    attempt(endpoint, event, 1)
    webhook_endpoint_update(actor=alice, webhook_endpoint=endpoint, is_active=False)

    assert retries(endpoint) == {}


def test_an_event_older_than_the_retries_day_is_not_tried_again(endpoint, company):
    old = Event.objects.create(
        kind=Event.Kind.PROPOSAL_SUBMITTED, created_at=timezone.now() - timedelta(days=3)
    )
    old.companies.add(company)
    attempt(endpoint, old, 1)  # a replay of it, which failed

    assert retries(endpoint) == {}


def test_after_the_last_attempt_nothing_follows(endpoint, event):
    attempt(endpoint, event, 10)

    assert retries(endpoint) == {}

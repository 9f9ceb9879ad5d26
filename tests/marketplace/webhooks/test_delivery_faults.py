"""A worker killed with SIGKILL in the middle of a webhook delivery — the receiver has the POST,
Norte never gets its answer — through a real Celery worker subprocess, real PostgreSQL and
Redis, and a real receiver on 127.0.0.1 that checks the signature.

The event still ends delivered: by the sweeper, or by the broker handing the dead worker's
message out again. The receiver sees the event's id twice and, deduplicating by it, acts once;
the delivery log shows both attempts, the interrupted one too. The broker being down when the
event happens is tests/marketplace/notifications/test_delivery_faults.py's first test; the
harness is tests/marketplace/workers.py (when these tests run or skip)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.notifications.models import Notification
from marketplace.tenders import services as tenders
from marketplace.webhooks.models import WebhookDelivery
from marketplace.webhooks.schedule import next_retry_delay
from marketplace.webhooks.services import SWEEP_GRACE, webhook_endpoint_create, webhook_sweep

from .test_from_the_tender import TERMS
from .test_from_the_tender import bid_invitation as bid_invitation  # Maple Odds invited

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def company_endpoint(alice, webhook_receiver):
    endpoint = webhook_endpoint_create(
        actor=alice, url=webhook_receiver.url, events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    webhook_receiver.secret = endpoint.secret
    return endpoint


def webhook_log(endpoint) -> list[tuple[int, int | None, str]]:
    """(attempt, status code, error) of every attempt recorded, in order."""
    return list(
        endpoint.deliveries.order_by("attempt").values_list("attempt", "status_code", "error")
    )


def told(event) -> list[str]:
    return sorted(
        Notification.objects.filter(event=event).values_list("recipient__username", flat=True)
    )


@pytest.mark.parametrize("recovery", ["sweeper", "redelivery"])
def test_a_worker_killed_mid_delivery_delivers_the_event_once_in_effect(
    recovery,
    company_endpoint,
    webhook_receiver,
    bid_invitation,
    vera,
    bob,
    victor,
    broker_url,
    workers,
):
    doomed = workers.start(broker_url=broker_url)
    webhook_receiver.hold.set()  # the receiver keeps the POST unanswered
    proposal = tenders.proposal_submit(
        actor=vera, outsourcing_request=bid_invitation.request, **TERMS
    )
    event = Event.objects.get(kind=Event.Kind.PROPOSAL_SUBMITTED)
    workers.wait_until(webhook_receiver.holding.is_set, "the event's POST received")

    doomed.kill()
    killed = time.monotonic()
    webhook_receiver.hold.clear()

    # The people concerned were told before (their task came first); the receiver has the
    # POST, and the log shows the attempt whose outcome nobody recorded.
    assert told(event) == ["alice", "bob", "victor"]
    assert webhook_receiver.hits() == {event.pk: 1}
    assert webhook_log(company_endpoint) == [(1, None, "no outcome recorded")]

    if recovery == "sweeper":
        # The beat's next pass once the interrupted attempt's retry is SWEEP_GRACE late (the
        # dead worker's message comes back only after the visibility timeout, 7 h).
        workers.start(broker_url=broker_url)
        late = timedelta(seconds=next_retry_delay(1)) + SWEEP_GRACE + timedelta(seconds=1)
        assert webhook_sweep(now=timezone.now() + late) == 1
    else:
        # Redis hands the unacknowledged message out again (a second here, 7 h in the
        # settings): acks_late keeps it the broker's until the attempt has finished.
        workers.start(broker_url=broker_url, visibility_timeout=1)

    workers.wait_until(
        lambda: WebhookDelivery.objects.filter(event=event, status_code=200).exists(),
        "the event delivered",
    )
    recovered_in = time.monotonic() - killed

    assert webhook_receiver.hits() == {event.pk: 2}
    assert all(delivery["verified"] for delivery in webhook_receiver.received)
    [body] = webhook_receiver.effective().values()
    assert (body["id"], body["type"], body["data"]["proposal"]) == (
        event.pk,
        "proposal.submitted",
        proposal.pk,
    )
    assert webhook_log(company_endpoint) == [(1, None, "no outcome recorded"), (2, 200, "")]
    # Delivered: no pass of the sweeper, however late, sends it again.
    assert webhook_sweep(now=timezone.now() + timedelta(hours=1)) == 0
    assert told(event) == ["alice", "bob", "victor"]
    print(
        f"OUTCOME webhook killed mid-POST, recovered by the {recovery}: receiver hits "
        f"{dict(webhook_receiver.hits())}, effective {len(webhook_receiver.effective())}, "
        f"log {webhook_log(company_endpoint)}, notifications "
        f"{Notification.objects.filter(event=event).count()}, "
        f"recovered {recovered_in:.2f} s after the kill"
    )

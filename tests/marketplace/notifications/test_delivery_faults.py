"""Telling people of tender steps survives the broker being down and a worker killed with
SIGKILL: through a real Celery worker subprocess, real PostgreSQL and Redis, the steps taken
through the tender services, and a real webhook receiver on 127.0.0.1 checking signatures.

Delivery is at least once and counted once: every event ends delivered, each person concerned
has one notification of it, and the receiver, deduplicating by the event's id, acts on each
event once. The harness is tests/marketplace/workers.py (when these tests run or skip)."""

import time
from pathlib import Path

import pytest
from django.db.models import F
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.notifications.models import Notification
from marketplace.notifications.services import SWEEP_AFTER, events_sweep_undelivered
from marketplace.notifications.tasks import sweep_undelivered_events
from marketplace.tenders.models import Proposal
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.services import SWEEP_GRACE, webhook_endpoint_create, webhook_sweep

from ..workers import publish_to

# The tests commit their rows for the worker to read; the flush after each test also empties
# the reference data from the migrations, so it is restored (serialized_rollback).
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Kind = Event.Kind
# Who is told of each step (tests/marketplace/notifications/test_services.py): everyone of
# Operadora Azteca and Maple Odds except whoever took the step.
TOLD = {
    Kind.BID_INVITATION_SENT: {"bob", "vera", "victor"},  # Alice invited Maple Odds
    Kind.BID_INVITATION_ACCEPTED: {"alice", "bob", "victor"},  # Vera's proposal accepted it…
    Kind.PROPOSAL_SUBMITTED: {"alice", "bob", "victor"},  # …in the same step
}


@pytest.fixture
def company_endpoint(alice, webhook_receiver):
    """Operadora Azteca's endpoint for the three kinds, pointing at the test's receiver."""
    endpoint = webhook_endpoint_create(actor=alice, url=webhook_receiver.url, events=list(TOLD))
    webhook_receiver.secret = endpoint.secret
    return endpoint


def told() -> dict[str, set[str]]:
    """Who has a notification of each kind; each person at most once per event (checked)."""
    notifications = list(Notification.objects.values_list("event_id", "recipient__username"))
    assert len(notifications) == len(set(notifications)), "someone was told twice"
    kinds = dict(Event.objects.values_list("pk", "kind"))
    found: dict[str, set[str]] = {}
    for event_id, username in notifications:
        found.setdefault(kinds[event_id], set()).add(username)
    return found


def undelivered() -> list[int]:
    return list(Event.objects.filter(delivered_at__isnull=True).values_list("pk", flat=True))


def webhook_log() -> list[tuple[int, int, int | None]]:
    """(event, attempt, status code) of every delivery attempt recorded."""
    return list(
        WebhookDelivery.objects.order_by("event_id", "attempt").values_list(
            "event_id", "attempt", "status_code"
        )
    )


def pass_time(delta) -> None:
    """As if `delta` had passed since the steps: the events and the endpoint are that old."""
    Event.objects.update(created_at=F("created_at") - delta)
    WebhookEndpoint.objects.update(created_at=F("created_at") - delta)


@pytest.mark.parametrize(
    "worker",
    [
        # Started once the broker is back (a worker restarted with it, or a new one).
        "started after",
        # Running all along: it loses the broker, and reconnects by itself once it is back.
        "running through",
    ],
)
def test_steps_taken_while_the_broker_is_down_are_told_once_it_is_back(
    worker, tender, company_endpoint, webhook_receiver, own_redis, workers, caplog
):
    publish_to(own_redis.url)
    if worker == "running through":
        survivor = workers.start(broker_url=own_redis.url)
        workers.wait_until(lambda: " ready." in survivor.log(), "the worker ready")
    own_redis.stop()

    started = time.monotonic()
    tender.invite()
    proposal = tender.propose()
    stepping_took = time.monotonic() - started

    # Both steps committed, promptly; their events wait, undelivered, for the sweeper.
    assert stepping_took < 10
    assert Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.SUBMITTED).exists()
    events = dict(Event.objects.values_list("kind", "pk"))
    assert set(events) == set(TOLD)
    assert sorted(undelivered()) == sorted(events.values())
    assert caplog.text.count("Could not send event") == 3
    assert not Notification.objects.exists()
    assert webhook_receiver.received == [] and webhook_log() == []
    # A sweep during the outage sends nothing, and fails nothing.
    later = timezone.now() + SWEEP_AFTER + SWEEP_GRACE
    assert events_sweep_undelivered(now=later) == 0
    assert webhook_sweep(now=later) == 0
    assert sorted(undelivered()) == sorted(events.values())

    # Back, empty: a Redis restarted without persistence has lost whatever it held.
    own_redis.start()
    back = time.monotonic()
    if worker == "started after":
        workers.start(broker_url=own_redis.url)
    # The beat's next pass, SWEEP_AFTER later, sent to the worker as the beat sends it.
    pass_time(SWEEP_AFTER)
    sweep_undelivered_events.delay()

    workers.wait_until(lambda: not undelivered(), "every event delivered")
    workers.wait_until(
        lambda: len(WebhookDelivery.objects.filter(status_code=200)) == 3,
        "every event delivered to the endpoint",
    )
    recovered_in = time.monotonic() - back
    if worker == "running through":
        # The same worker did it, having lost the broker and reconnected.
        assert len(workers.started) == 1 and survivor.process.poll() is None
        assert "Connection to broker lost" in survivor.log()

    assert told() == TOLD
    assert Notification.objects.count() == 9
    # Each event reached the receiver once, signed, with its id.
    assert webhook_receiver.hits() == dict.fromkeys(events.values(), 1)
    assert all(delivery["verified"] for delivery in webhook_receiver.received)
    assert {pk: body["type"] for pk, body in webhook_receiver.effective().items()} == {
        pk: kind for kind, pk in events.items()
    }
    assert webhook_log() == [(pk, 1, 200) for pk in sorted(events.values())]
    # Nothing is left for the sweepers, however late they pass.
    later = timezone.now() + SWEEP_AFTER + SWEEP_GRACE
    assert events_sweep_undelivered(now=later) == 0
    assert webhook_sweep(now=later) == 0
    print(
        f"OUTCOME broker down, worker {worker}: {len(events)} events, {Notification.objects.count()} "
        f"notifications, receiver hits {dict(webhook_receiver.hits())}, "
        f"deliveries {webhook_log()}, steps took {stepping_took:.2f} s, "
        f"recovered {recovered_in:.2f} s after the broker was back"
    )


@pytest.fixture
def paused(tmp_path) -> Path:
    """The file a worker paused mid-delivery writes (tests/worker_app.py)."""
    return tmp_path / "delivery-paused"


def test_a_worker_killed_mid_delivery_leaves_the_event_to_the_sweeper(
    tender, company_endpoint, webhook_receiver, broker_url, workers, paused
):
    doomed = workers.start(
        broker_url=broker_url,
        delivery_pause=60,
        delivery_pause_at="commit",
        delivery_paused_file=paused,
    )
    tender.invite()  # its event is the first the worker takes: it dies telling people of it
    workers.wait_until(paused.exists, "paused delivering the invitation")

    doomed.kill()
    killed = time.monotonic()

    # The kill rolled back the notifications it had written.
    invited = Event.objects.get(kind=Kind.BID_INVITATION_SENT)
    assert undelivered() == [invited.pk]
    assert not Notification.objects.exists()
    # Its webhook, queued behind it, was not taken yet.
    assert webhook_receiver.received == []

    workers.start(broker_url=broker_url)
    tender.propose()  # a live worker again: these are told at once
    workers.wait_until(lambda: undelivered() == [invited.pk], "the proposal's events delivered")
    workers.wait_until(
        lambda: len(WebhookDelivery.objects.filter(status_code=200)) == 3,
        "every event delivered to the endpoint",
    )
    assert told() == {kind: TOLD[kind] for kind in TOLD if kind != Kind.BID_INVITATION_SENT}

    # The beat's next pass (the message the dead worker held comes back only after the
    # broker's visibility timeout, 7 h).
    assert events_sweep_undelivered(now=timezone.now() + SWEEP_AFTER) == 1
    workers.wait_until(lambda: not undelivered(), "the invitation delivered")
    recovered_in = time.monotonic() - killed

    assert told() == TOLD
    assert Notification.objects.count() == 9
    events = dict(Event.objects.values_list("pk", "kind"))
    # The sweeper queued the invitation's webhook again; the task found it delivered already.
    assert webhook_receiver.hits() == dict.fromkeys(events, 1)
    assert set(webhook_receiver.effective()) == set(events)
    assert webhook_log() == [(pk, 1, 200) for pk in sorted(events)]
    print(
        f"OUTCOME killed before commit: {Notification.objects.count()} notifications, "
        f"receiver hits {dict(webhook_receiver.hits())}, deliveries {webhook_log()}, "
        f"recovered {recovered_in:.2f} s after the kill (sweeper called at once)"
    )


def test_a_delivery_whose_worker_dies_before_acknowledging_it_is_redelivered_not_doubled(
    tender, broker_url, workers, paused
):
    doomed = workers.start(
        broker_url=broker_url,
        delivery_pause=60,
        delivery_pause_at="ack",
        delivery_paused_file=paused,
    )
    tender.invite()
    workers.wait_until(paused.exists, "paused after telling people of the invitation")

    doomed.kill()
    killed = time.monotonic()

    # Told and committed; only the message's acknowledgement was lost with the worker.
    assert undelivered() == []
    assert told() == {Kind.BID_INVITATION_SENT: TOLD[Kind.BID_INVITATION_SENT]}
    # The broker hands the message out again after its visibility timeout (7 h in the
    # settings, a second for this worker) and the task runs again: nobody is told twice.
    redelivered = workers.start(broker_url=broker_url, visibility_timeout=1)
    succeeded = "Task marketplace.notifications.tasks.deliver_event["
    workers.wait_until(
        lambda: any(
            succeeded in line and "succeeded" in line for line in redelivered.log().splitlines()
        ),
        "the invitation's message delivered again",
    )
    recovered_in = time.monotonic() - killed

    assert undelivered() == []
    assert told() == {Kind.BID_INVITATION_SENT: TOLD[Kind.BID_INVITATION_SENT]}
    assert Notification.objects.count() == 3
    assert events_sweep_undelivered(now=timezone.now() + SWEEP_AFTER) == 0
    print(
        f"OUTCOME killed before ack: {Notification.objects.count()} notifications after the "
        f"redelivery, redelivered {recovered_in:.2f} s after the kill (visibility timeout 1 s)"
    )

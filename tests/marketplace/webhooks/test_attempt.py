"""The retry chain, with the queue replaced by a list: each scheduled attempt is run by the
test, so the schedule is followed without waiting a day."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from marketplace.events.models import Event
from marketplace.webhooks import services, tasks
from marketplace.webhooks.models import NO_OUTCOME, WebhookDelivery
from marketplace.webhooks.schedule import retry_delays
from marketplace.webhooks.services import (
    webhook_attempt,
    webhook_dispatch,
    webhook_event_dispatch,
    webhook_replay,
    webhook_replay_send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """What would have been queued: (endpoint_id, event_id, countdown)."""
    sent = []

    def dispatch(*, endpoint_id, event_id, countdown=0):
        sent.append((endpoint_id, event_id, countdown))
        return True

    monkeypatch.setattr(services, "webhook_dispatch", dispatch)
    return sent


def run_queue(queued):
    while queued:
        endpoint_id, event_id, _countdown = queued.pop(0)
        webhook_attempt(endpoint_id=endpoint_id, event_id=event_id)


def test_a_failing_receiver_is_retried_on_schedule_then_disabled(endpoint, event, receiver, queued):
    receiver.status = 503
    countdowns = []

    webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk)
    while queued:
        endpoint_id, event_id, countdown = queued.pop(0)
        countdowns.append(countdown)
        webhook_attempt(endpoint_id=endpoint_id, event_id=event_id)

    endpoint.refresh_from_db()
    assert countdowns == retry_delays()
    assert endpoint.deliveries.count() == 10
    assert len(receiver.received) == 10
    assert not endpoint.is_active
    assert endpoint.disabled_at is not None
    assert str(event.pk) in endpoint.disabled_reason


def test_a_receiver_that_recovers_gets_no_more_attempts(endpoint, event, receiver, queued):
    receiver.status = 500
    webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk)
    receiver.status = 200

    run_queue(queued)

    endpoint.refresh_from_db()
    assert [d.status_code for d in endpoint.deliveries.order_by("attempt")] == [500, 200]
    assert endpoint.is_active


def test_an_event_already_delivered_is_not_sent_again(endpoint, event, receiver, queued):
    webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk)

    assert webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk) is None
    assert len(receiver.received) == 1


def test_a_paused_endpoint_gets_nothing(endpoint, event, receiver, queued):
    endpoint.is_active = False
    endpoint.save()

    assert webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk) is None
    assert receiver.received == []


def test_an_event_is_queued_for_its_endpoints_once_its_transaction_commits(
    endpoint, event, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_event_dispatch(event=event) == 1
        assert queued == []

    assert queued == [(endpoint.pk, event.pk, 0)]


def test_eager_dispatch_delivers_through_the_task(endpoint, event, receiver):
    # Tests run Celery eagerly: the real task, the real receiver.
    assert services.webhook_dispatch(endpoint_id=endpoint.pk, event_id=event.pk)

    assert len(receiver.received) == 1
    assert receiver.received[0]["verified"]


def test_an_owner_replays_an_event_once(
    alice, endpoint, event, receiver, queued, django_capture_on_commit_callbacks
):
    receiver.status = 500
    webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk)
    receiver.status = 200
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event.pk)

    delivery.refresh_from_db()
    assert (delivery.attempt, delivery.status_code) == (2, 200)
    assert len(receiver.received) == 2
    assert queued == []  # no retry follows a replay


def test_a_replay_is_recorded_in_the_callers_transaction_and_sent_after_it_commits(
    alice, endpoint, event, receiver, django_capture_on_commit_callbacks
):
    # The API runs the request in one transaction (Idempotency-Key): nothing goes out in it.
    with django_capture_on_commit_callbacks() as callbacks:
        delivery = webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event.pk)

        assert WebhookDelivery.objects.get(pk=delivery.pk).error == NO_OUTCOME
        assert not delivery.has_outcome
        assert receiver.received == []

    for callback in callbacks:
        callback()

    delivery.refresh_from_db()
    assert delivery.succeeded
    assert len(receiver.received) == 1


def test_a_rolled_back_replay_sends_nothing(
    alice, endpoint, event, receiver, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event.pk)
        raise RuntimeError("the request failed after the replay was recorded")

    assert callbacks == []
    assert not endpoint.deliveries.exists()
    assert receiver.received == []


def test_with_the_broker_down_a_replay_is_sent_on_the_spot(
    alice, endpoint, event, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(tasks.webhook_replay_send_task, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event.pk)

    delivery.refresh_from_db()
    assert delivery.succeeded
    assert len(receiver.received) == 1


def test_a_replay_sent_twice_is_posted_once(
    alice, endpoint, event, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event.pk)

    assert webhook_replay_send(delivery_id=delivery.pk) is None
    assert len(receiver.received) == 1


def test_an_event_of_another_organisation_cannot_be_replayed(alice, endpoint, other_company):
    elsewhere = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    elsewhere.companies.add(other_company)

    for event_id in (elsewhere.pk, 999_999):
        with pytest.raises(ValidationError) as refused:
            webhook_replay(actor=alice, webhook_endpoint=endpoint, event_id=event_id)
        assert "event" in refused.value.message_dict


def test_an_eager_run_does_not_spend_the_retries_at_once(endpoint, event, receiver):
    """`make run` has no worker to wait: a failure is logged for replay, the endpoint stays."""
    receiver.status = 500

    webhook_dispatch(endpoint_id=endpoint.pk, event_id=event.pk)

    endpoint.refresh_from_db()
    assert endpoint.deliveries.count() == 1
    assert len(receiver.received) == 1
    assert endpoint.is_active

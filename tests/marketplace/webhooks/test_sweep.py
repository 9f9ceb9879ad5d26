"""The sweeper re-queues what the broker or a dead worker lost, and nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.webhooks import services
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.services import webhook_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch, endpoint):
    # The endpoint existed before the events the tests move into the past: it wants only
    # events from its registration on.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(created_at=ago(days=2))
    sent = []

    def dispatch(*, endpoint_id, event_id, countdown=0):
        sent.append((endpoint_id, event_id))
        return True

    monkeypatch.setattr(services, "webhook_dispatch", dispatch)
    return sent


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def attempt(endpoint, event, number, status_code, when):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, attempt=number, status_code=status_code
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=when)


def happened(event, when):
    Event.objects.filter(pk=event.pk).update(created_at=when)


def test_an_event_never_attempted_is_queued_once_it_is_late(endpoint, event, queued):
    assert webhook_sweep() == 0  # just happened: its task may be on its way

    happened(event, ago(minutes=10))
    assert webhook_sweep() == 1
    assert queued == [(endpoint.pk, event.pk)]


def test_an_overdue_retry_is_queued(endpoint, event, queued):
    happened(event, ago(hours=1))
    attempt(endpoint, event, 1, 500, ago(minutes=30))  # retry due after 1 minute

    assert webhook_sweep() == 1


def test_an_attempt_whose_worker_died_is_retried_once_overdue(endpoint, event, queued):
    happened(event, ago(hours=1))
    attempt(endpoint, event, 1, None, ago(minutes=30))  # no outcome recorded: a failure

    assert webhook_sweep() == 1


def test_a_retry_not_yet_due_is_left_alone(endpoint, event, queued):
    happened(event, ago(hours=1))
    attempt(endpoint, event, 1, 500, ago(minutes=30))
    attempt(endpoint, event, 5, 500, ago(minutes=30))  # the next waits ~4 h

    assert webhook_sweep() == 0


def test_delivered_events_and_finished_schedules_are_left_alone(endpoint, event, queued):
    happened(event, ago(hours=2))
    attempt(endpoint, event, 1, 200, ago(hours=2))
    assert webhook_sweep() == 0

    WebhookDelivery.objects.all().delete()
    attempt(endpoint, event, 10, 500, ago(hours=1))
    assert webhook_sweep() == 0


def test_events_for_other_kinds_or_organisations_are_not_swept(endpoint, other_company, queued):
    other_kind = Event.objects.create(kind=Event.Kind.REVIEW_POSTED)
    other_kind.companies.add(endpoint.company)
    elsewhere = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    elsewhere.companies.add(other_company)
    for event in (other_kind, elsewhere):
        happened(event, ago(minutes=10))

    assert webhook_sweep() == 0


def test_events_older_than_a_day_of_retries_are_not_swept(endpoint, event, queued):
    happened(event, ago(days=3))

    assert webhook_sweep() == 0

import socket

import pytest
from django.test import override_settings

from marketplace.events.models import Event
from marketplace.webhooks import services
from marketplace.webhooks.selectors import webhook_endpoint_list_for_event
from marketplace.webhooks.services import (
    webhook_deliver,
    webhook_endpoint_create,
    webhook_endpoint_update,
)

pytestmark = pytest.mark.django_db


def test_a_real_receiver_gets_a_signed_delivery_it_can_verify(endpoint, event, receiver):
    delivery = webhook_deliver(endpoint=endpoint, event=event)

    [got] = receiver.received
    assert got["verified"]
    assert got["path"] == "/hooks/norte"
    assert got["body"] == {
        "id": event.pk,
        "type": "proposal.submitted",
        "created": event.created_at.isoformat().replace("+00:00", "Z"),
        "data": {"proposal": 7, "request": None},
    }
    assert got["headers"]["Idempotency-Key"] == str(event.pk)
    assert got["headers"]["Norte-Event-Id"] == str(event.pk)
    assert got["headers"]["Content-Type"] == "application/json"
    assert (delivery.attempt, delivery.status_code, delivery.error) == (1, 200, "")
    assert delivery.succeeded
    assert delivery.response_excerpt == "ok"


def test_each_attempt_is_a_row_of_its_own(endpoint, event, receiver):
    receiver.status = 500

    first = webhook_deliver(endpoint=endpoint, event=event)
    second = webhook_deliver(endpoint=endpoint, event=event)

    assert [first.attempt, second.attempt] == [1, 2]
    assert (second.status_code, second.error) == (500, "HTTP 500")
    assert not second.succeeded


def test_a_redirect_is_not_followed_and_counts_as_a_failure(endpoint, event, receiver):
    receiver.status, receiver.location = 302, "http://127.0.0.1:1/elsewhere"

    delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert len(receiver.received) == 1  # nothing went to the Location
    assert (delivery.status_code, delivery.error) == (302, "redirect not followed")
    assert not delivery.succeeded


def test_a_receiver_too_slow_to_answer_is_a_failed_attempt(endpoint, event, receiver, monkeypatch):
    monkeypatch.setattr(services, "TIMEOUT_SECONDS", 0.2)
    receiver.delay = 1

    delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert (delivery.status_code, delivery.error) == (None, "timed out")
    assert 150 <= delivery.duration_ms < 1000


def test_only_an_excerpt_of_the_answer_is_kept(endpoint, event, receiver):
    receiver.answer = b"x" * 100_000

    delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert delivery.response_excerpt == "x" * 500


def test_a_receiver_that_refuses_connections_is_a_failed_attempt(endpoint, event):
    endpoint.url = "http://127.0.0.1:1/closed"

    delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert delivery.status_code is None
    assert delivery.error == "ConnectionRefusedError"


def test_an_attempt_cut_short_stays_in_the_log_without_an_outcome(endpoint, event, monkeypatch):
    """The worker dies while the receiver has the POST (SIGKILL, as here SystemExit, skips
    every handler): the attempt was recorded before it was sent. The real kill is
    test_delivery_faults.py's."""

    def die_mid_post(**kwargs):
        raise SystemExit(137)

    monkeypatch.setattr(services, "_post", die_mid_post)

    with pytest.raises(SystemExit):
        webhook_deliver(endpoint=endpoint, event=event)

    [delivery] = endpoint.deliveries.all()
    assert (delivery.attempt, delivery.status_code, delivery.error) == (
        1,
        None,
        services.NO_OUTCOME,
    )
    assert not delivery.succeeded


def test_the_address_is_checked_again_at_delivery(endpoint, event, receiver):
    # Registered while loopback was allowed; delivered where it no longer is (as a name
    # that now resolves to a private address would be).
    with override_settings(WEBHOOKS_ALLOW_LOOPBACK=False):
        delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert receiver.received == []
    assert delivery.status_code is None
    assert "https://" in delivery.error


def test_an_event_goes_to_the_active_endpoints_of_the_organisations_it_concerns_that_want_it(
    endpoint, event, olga, other_company
):
    other = webhook_endpoint_create(
        actor=olga, url=endpoint.url, events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    other_kind = Event.objects.create(kind=Event.Kind.REVIEW_POSTED)
    other_kind.companies.add(endpoint.company)

    assert webhook_endpoint_list_for_event(event=event) == [endpoint]
    assert webhook_endpoint_list_for_event(event=other_kind) == []
    webhook_endpoint_update(actor=olga, webhook_endpoint=other, is_active=False)
    event.companies.add(other_company)
    assert webhook_endpoint_list_for_event(event=event) == [endpoint]


def test_delivery_connects_to_the_address_it_checked_not_to_a_second_lookup(
    alice, event, receiver, monkeypatch
):
    real_getaddrinfo = socket.getaddrinfo
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        if host == "hooks.example.test":
            # The first answer is loopback; any later one would be a private address.
            host = "127.0.0.1" if asked.count("hooks.example.test") <= 2 else "10.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    port = receiver.url.split(":")[2].split("/")[0]
    endpoint = webhook_endpoint_create(
        actor=alice,
        url=f"http://hooks.example.test:{port}/hooks/norte",
        events=[Event.Kind.PROPOSAL_SUBMITTED],
    )
    receiver.secret = endpoint.secret

    delivery = webhook_deliver(endpoint=endpoint, event=event)

    assert delivery.succeeded
    assert asked.count("hooks.example.test") == 2  # at registration, and once at delivery
    assert receiver.received[0]["headers"]["Host"] == f"hooks.example.test:{port}"

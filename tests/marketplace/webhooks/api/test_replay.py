"""POST /api/v1/webhook-endpoints/{id}/replay/ with an `Idempotency-Key`: the view runs in the
key's transaction, with its answer; the replay's POST goes out only after it commits, its attempt
already recorded, and the same key answers the same 202 without sending again.

A transactional test: the request's transactions really commit, as in production (and the
migrations' reference data is restored afterwards)."""

import pytest
from django.db import connection

from marketplace.events.models import Event
from marketplace.webhooks import services
from marketplace.webhooks.models import WebhookDelivery
from marketplace.webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URL = "/api/v1/webhook-endpoints/"


@pytest.fixture
def endpoint(alice, receiver):
    endpoint = webhook_endpoint_create(
        actor=alice, url=receiver.url, events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    receiver.secret = endpoint.secret
    return endpoint


@pytest.fixture
def sends(monkeypatch):
    """Each POST sent: whether a transaction was open, and whether its attempt was stored."""
    seen = []
    send = services._attempt_send

    def watched(*, delivery):
        recorded = WebhookDelivery.objects.filter(pk=delivery.pk).exists()
        seen.append({"in_transaction": connection.in_atomic_block, "recorded": recorded})
        return send(delivery=delivery)

    monkeypatch.setattr(services, "_attempt_send", watched)
    return seen


def test_the_post_goes_out_after_the_keys_transaction_and_a_retry_sends_nothing_more(
    api, alice, endpoint, event, receiver, sends
):
    client = api(alice)
    headers = {"Idempotency-Key": "replay-1"}

    first = client.post(
        f"{URL}{endpoint.pk}/replay/", {"event": event.pk}, format="json", headers=headers
    )
    again = client.post(
        f"{URL}{endpoint.pk}/replay/", {"event": event.pk}, format="json", headers=headers
    )

    assert first.status_code == 202, first.content
    assert sends == [{"in_transaction": False, "recorded": True}]
    assert len(receiver.received) == 1
    assert (again.status_code, again.json()) == (202, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    [delivery] = endpoint.deliveries.all()
    assert delivery.succeeded

"""webhook_endpoint_update: turning a disabled endpoint back on (the pages' "Turn it back on"
and the API's `is_active`) forgets why it was disabled, and events reach it again."""

import pytest

from marketplace.webhooks.services import (
    webhook_attempt,
    webhook_endpoint_disable,
    webhook_endpoint_update,
)

pytestmark = pytest.mark.django_db


def test_a_disabled_endpoint_turned_back_on_forgets_why_and_receives_again(
    alice, endpoint, event, receiver
):
    webhook_endpoint_disable(webhook_endpoint=endpoint, reason="Every attempt failed.")
    assert webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk) is None

    webhook_endpoint_update(actor=alice, webhook_endpoint=endpoint, is_active=True)

    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert (endpoint.disabled_at, endpoint.disabled_reason) == (None, "")
    assert webhook_attempt(endpoint_id=endpoint.pk, event_id=event.pk).succeeded
    assert len(receiver.received) == 1


def test_pausing_is_not_disabling(alice, endpoint):
    webhook_endpoint_update(actor=alice, webhook_endpoint=endpoint, is_active=False)

    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert not endpoint.is_disabled

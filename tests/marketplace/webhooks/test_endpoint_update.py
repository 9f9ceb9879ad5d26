"""webhook_endpoint_update: turning a disabled endpoint back on (the pages' "Turn it back on"
and the API's `is_active`) forgets why it was disabled, and events reach it again."""

import pytest

from marketplace.events.models import Event
from marketplace.webhooks.models import WebhookEndpoint
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


def disabled_events():
    return Event.objects.filter(kind=Event.Kind.WEBHOOK_ENDPOINT_DISABLED)


def test_an_endpoint_paused_during_the_last_attempt_stays_paused_and_nobody_is_told(
    alice, endpoint, event
):
    # The attempt loaded the endpoint before its POST; meanwhile its owner paused it.
    loaded_by_the_attempt = WebhookEndpoint.objects.get(pk=endpoint.pk)
    webhook_endpoint_update(actor=alice, webhook_endpoint=endpoint, is_active=False)

    webhook_endpoint_disable(
        webhook_endpoint=loaded_by_the_attempt, reason="Every attempt failed.", failed_event=event
    )

    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert not endpoint.is_disabled  # paused by its owners, as they left it
    assert endpoint.disabled_reason == ""
    assert not disabled_events().exists()


def test_an_edit_made_during_the_last_attempt_is_kept(alice, endpoint, event, receiver):
    loaded_by_the_attempt = WebhookEndpoint.objects.get(pk=endpoint.pk)
    fixed = receiver.url + "/v2"
    webhook_endpoint_update(
        actor=alice, webhook_endpoint=endpoint, events=[Event.Kind.REQUEST_AWARDED], url=fixed
    )

    webhook_endpoint_disable(webhook_endpoint=loaded_by_the_attempt, reason="Every attempt failed.")

    endpoint.refresh_from_db()
    assert endpoint.is_disabled
    assert (endpoint.url, endpoint.events) == (fixed, [Event.Kind.REQUEST_AWARDED])


def test_two_last_attempts_disable_the_endpoint_once_and_tell_its_owners_once(endpoint, company):
    first, second = (
        Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED),
        Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED),
    )
    # Both final attempts loaded the endpoint, active, before their POSTs.
    copies = [WebhookEndpoint.objects.get(pk=endpoint.pk) for _ in range(2)]

    for copy, failed in zip(copies, (first, second), strict=True):
        webhook_endpoint_disable(
            webhook_endpoint=copy, reason=f"Event {failed.pk} failed.", failed_event=failed
        )

    endpoint.refresh_from_db()
    assert endpoint.disabled_reason == f"Event {first.pk} failed."
    assert disabled_events().count() == 1
    assert disabled_events().get().data == {"webhook_endpoint": endpoint.pk, "event": first.pk}

"""/webhooks/<id>/replay/: an owner sends an event of the log again, now; the answer is the
message and a new row of the log."""

import pytest

from marketplace.events.models import Event
from marketplace.webhooks.services import webhook_deliver
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/replay/"


def test_an_owner_sends_a_failed_event_again_and_it_arrives(
    owner_client, endpoint, event, receiver
):
    receiver.status = 500
    webhook_deliver(endpoint=endpoint, event=event)
    receiver.status = 200

    response = owner_client.post(url(endpoint), {"event": event.pk}, follow=True)

    assert response.redirect_chain == [(f"/webhooks/{endpoint.pk}/", 302)]
    assert f"Event {event.pk} was sent again: the endpoint answered 200." in text(response)
    assert len(receiver.received) == 2
    assert receiver.received[-1]["verified"]
    assert [row[0].attempt for row in response.context["rows"]] == [2, 1]


def test_a_failed_replay_says_why(owner_client, endpoint, event, receiver):
    receiver.status = 502

    response = owner_client.post(url(endpoint), {"event": event.pk}, follow=True)

    assert f"Event {event.pk} was sent again and failed: HTTP 502." in text(response)
    assert endpoint.deliveries.count() == 1


def test_another_organisations_event_is_refused_as_a_message(owner_client, endpoint, other_company):
    foreign = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED)
    foreign.companies.add(other_company)

    response = owner_client.post(url(endpoint), {"event": foreign.pk}, follow=True)

    assert response.status_code == 200
    assert "No event of this organisation has this id." in text(response)
    assert not endpoint.deliveries.exists()


def test_no_event_is_refused_as_a_message(owner_client, endpoint):
    response = owner_client.post(url(endpoint), {"event": "x"}, follow=True)

    assert "Choose an event of the delivery log to send again." in text(response)


def test_a_member_gets_403_and_nothing_is_sent(client, bob, endpoint, event, receiver):
    client.force_login(bob)

    assert client.post(url(endpoint), {"event": event.pk}).status_code == 403
    assert receiver.received == []


def test_another_organisations_endpoint_is_not_found(owner_client, olga_endpoint, event):
    assert owner_client.post(url(olga_endpoint), {"event": event.pk}).status_code == 404

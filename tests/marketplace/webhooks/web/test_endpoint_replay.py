"""/webhooks/<id>/replay/: an owner sends an event of the log again; the answer is the message
and a new row of the log. The POST is queued once the attempt is recorded: the message tells how
it went when the send already ran (Celery eager, as in development), and that it is queued
otherwise. Those tests commit for real (transactional): the send runs once the service's
transaction commits, which inside a test's transaction is only at its end."""

import pytest

from marketplace.events.models import Event
from marketplace.webhooks import tasks
from marketplace.webhooks.services import webhook_deliver
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/replay/"


@committed
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


@committed
def test_a_failed_replay_says_why(owner_client, endpoint, event, receiver):
    receiver.status = 502

    response = owner_client.post(url(endpoint), {"event": event.pk}, follow=True)

    assert f"Event {event.pk} was sent again and failed: HTTP 502." in text(response)
    assert endpoint.deliveries.count() == 1


def test_a_replay_not_sent_yet_is_said_queued_and_shown_in_the_log(
    owner_client, endpoint, event, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(tasks.webhook_replay_send_task, "delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(url(endpoint), {"event": event.pk}, follow=True)

    [delivery] = endpoint.deliveries.all()
    assert queued == [delivery.pk]
    assert (
        f"Event {event.pk} is queued to be sent again as attempt 1: its outcome appears in the "
        "delivery log in a few seconds." in text(response)
    )
    assert "No outcome recorded" in text(response)
    assert receiver.received == []


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

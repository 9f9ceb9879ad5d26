"""/webhooks/<id>/: the endpoint's settings (an owner changes them), its delivery log and, once,
its secret; another organisation's endpoint is not found, a member reads why not."""

from datetime import timedelta

import pytest

from marketplace.events.models import Event
from marketplace.webhooks.models import WebhookDelivery
from marketplace.webhooks.services import webhook_deliver, webhook_endpoint_disable
from marketplace.webhooks.views import DELIVERIES_PER_PAGE
from tests.marketplace.web.pages import text

from .conftest import PRIVATE_URL

pytestmark = pytest.mark.django_db


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/"


def test_anonymous_visitors_are_sent_to_log_in(client, endpoint):
    assert "/accounts/login/" in client.get(url(endpoint)).url
    assert "/accounts/login/" in client.post(url(endpoint), {}).url


def test_another_organisations_endpoint_is_not_found(owner_client, olga_endpoint):
    assert owner_client.get(url(olga_endpoint)).status_code == 404
    assert owner_client.post(url(olga_endpoint), {"url": "http://127.0.0.1:1/x"}).status_code == 404
    olga_endpoint.refresh_from_db()
    assert olga_endpoint.url == "http://127.0.0.1:9/olga"


def test_a_member_who_is_not_an_owner_gets_403(client, bob, endpoint):
    client.force_login(bob)

    response = client.get(url(endpoint))
    posted = client.post(url(endpoint), {"url": endpoint.url, "events": ["request.awarded"]})

    assert response.status_code == 403
    assert "Only an owner of the organisation may change its webhook endpoints." in text(response)
    assert posted.status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.events == ["proposal.submitted"]


def test_the_secret_is_not_shown_on_an_ordinary_visit(owner_client, endpoint):
    response = owner_client.get(url(endpoint))

    assert response.status_code == 200
    assert endpoint.secret not in response.content.decode()


def test_an_owner_changes_the_url_and_the_events(owner_client, endpoint, receiver):
    new_url = receiver.url + "/v2"
    response = owner_client.post(
        url(endpoint),
        {"url": new_url, "events": ["request.awarded", "review.posted"], "is_active": "on"},
        follow=True,
    )

    assert "The endpoint is saved." in text(response)
    endpoint.refresh_from_db()
    assert endpoint.url == new_url
    assert endpoint.events == ["request.awarded", "review.posted"]
    assert endpoint.is_active


def test_an_owner_pauses_it(owner_client, endpoint):
    response = owner_client.post(
        url(endpoint), {"url": endpoint.url, "events": endpoint.events}, follow=True
    )

    assert "This endpoint is paused" in text(response)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.disabled_at is None


def test_a_private_address_is_refused_and_nothing_changes(owner_client, endpoint):
    before = endpoint.url
    response = owner_client.post(
        url(endpoint), {"url": PRIVATE_URL, "events": ["review.posted"], "is_active": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [
        "Webhook URLs must point to a public internet address."
    ]
    # The page shows what is stored, not the refused address.
    assert response.context["endpoint"].url == before
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events) == (before, ["proposal.submitted"])


def test_the_log_shows_each_attempt(owner_client, endpoint, event, receiver):
    receiver.status, receiver.answer = 500, b"database is down"
    webhook_deliver(endpoint=endpoint, event=event)

    response = owner_client.get(url(endpoint))

    page = text(response)
    assert f"{event.pk} proposal.submitted" in page
    assert "#1" in page
    assert "Failed HTTP 500" in page
    assert " ms" in page
    assert "database is down" in page
    [(delivery, next_retry)] = response.context["rows"]
    # The first retry comes a minute after the first attempt (schedule.py).
    assert next_retry == delivery.created_at + timedelta(minutes=1)
    assert f'name="event" value="{event.pk}"' in response.content.decode()


def test_a_successful_attempt_has_its_status_and_no_retry(owner_client, endpoint, event):
    webhook_deliver(endpoint=endpoint, event=event)

    response = owner_client.get(url(endpoint))

    assert "200" in text(response)
    [(_delivery, next_retry)] = response.context["rows"]
    assert next_retry is None


def test_the_log_is_paginated_newest_first(owner_client, endpoint, company):
    events = []
    for number in range(DELIVERIES_PER_PAGE + 1):
        event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED, data={"n": number})
        event.companies.add(company)
        events.append(event)
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, attempt=1, status_code=200)
        for event in events
    )

    first = owner_client.get(url(endpoint))
    second = owner_client.get(url(endpoint) + "?page=2")

    assert len(first.context["rows"]) == DELIVERIES_PER_PAGE
    assert 'href="?page=2#log-title"' in first.content.decode()
    assert len(second.context["rows"]) == 1


def test_a_disabled_endpoint_says_why_and_offers_to_turn_it_back_on(owner_client, endpoint):
    webhook_endpoint_disable(webhook_endpoint=endpoint, reason="Every attempt failed for a day.")

    response = owner_client.get(url(endpoint))

    page = text(response)
    assert "Norte disabled this endpoint" in page
    assert "Every attempt failed for a day." in page
    assert f'action="/webhooks/{endpoint.pk}/enable/"' in response.content.decode()

"""/webhooks/new/: an owner registers an endpoint and reads its signing secret once, on the
next page; a URL the SSRF guard refuses is a form error, and nothing is saved."""

import pytest

from marketplace.webhooks.models import WebhookEndpoint
from tests.marketplace.web.pages import text

from .conftest import PRIVATE_URL

pytestmark = pytest.mark.django_db

URL = "/webhooks/new/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert "/accounts/login/" in client.get(URL).url
    assert "/accounts/login/" in client.post(URL, {}).url


def test_the_form_groups_the_events_under_legends_with_their_labels(owner_client):
    html = owner_client.get(URL).content.decode()

    assert '<label for="id_url">URL' in html
    assert "<legend>Events to send:</legend>" in html
    assert "<legend>Proposals</legend>" in html
    assert 'value="proposal.submitted"' in html
    assert "Proposal submitted (proposal.submitted)" in html


def test_an_owner_registers_one_and_reads_the_secret_once(owner_client, company, receiver):
    response = owner_client.post(
        URL, {"url": receiver.url, "events": ["proposal.submitted", "request.awarded"]}
    )

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response.url == f"/webhooks/{endpoint.pk}/"
    # Not in the address, nor in a cookie: the messages are kept in one.
    assert endpoint.secret not in response.url
    assert all(endpoint.secret not in morsel.value for morsel in response.cookies.values())
    assert (endpoint.company, endpoint.url) == (company, receiver.url)
    assert endpoint.events == ["proposal.submitted", "request.awarded"]

    shown = owner_client.get(response.url)
    assert endpoint.secret in shown.content.decode()
    assert "it is not shown again" in text(shown)
    assert "no-store" in shown["Cache-Control"]
    assert "The endpoint is registered." in text(shown)

    reloaded = owner_client.get(response.url)
    assert endpoint.secret not in reloaded.content.decode()


def test_a_private_address_is_refused_next_to_the_url(owner_client):
    response = owner_client.post(URL, {"url": PRIVATE_URL, "events": ["proposal.submitted"]})

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [
        "Webhook URLs must point to a public internet address."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_at_least_one_event_is_needed(owner_client, receiver):
    response = owner_client.post(URL, {"url": receiver.url})

    assert response.context["form"].errors["events"] == ["Choose at least one event."]
    assert not WebhookEndpoint.objects.exists()


def test_an_unknown_event_is_refused(owner_client, receiver):
    response = owner_client.post(URL, {"url": receiver.url, "events": ["payment.made"]})

    assert response.context["form"].errors["events"]
    assert not WebhookEndpoint.objects.exists()


def test_a_member_who_is_not_an_owner_gets_403_and_nothing_is_saved(client, bob, receiver):
    client.force_login(bob)

    assert client.get(URL).status_code == 403
    response = client.post(URL, {"url": receiver.url, "events": ["proposal.submitted"]})

    assert response.status_code == 403
    assert not WebhookEndpoint.objects.exists()


def test_a_company_is_offered_only_the_events_that_can_concern_it(owner_client, client, vera):
    company_page = owner_client.get(URL).content.decode()
    client.force_login(vera)
    vendor_page = client.get(URL).content.decode()

    for vendor_only in ("request.published", "vendor.approved", "vendor.suspended"):
        assert f'value="{vendor_only}"' not in company_page
        assert f'value="{vendor_only}"' in vendor_page
    assert "<legend>Vendor profile</legend>" not in company_page
    assert 'value="proposal.submitted"' in company_page

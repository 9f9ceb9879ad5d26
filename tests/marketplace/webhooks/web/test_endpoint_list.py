"""/webhooks/: an organisation's owners see its endpoints, how each is doing, and how to check
a delivery's signature; members read why they cannot, outsiders find nothing."""

import pytest

from marketplace.webhooks.services import webhook_deliver, webhook_endpoint_disable
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db

URL = "/webhooks/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert "/accounts/login/" in client.get(URL).url


def test_an_owner_sees_the_endpoints_with_their_last_delivery(
    owner_client, endpoint, event, receiver, olga_endpoint
):
    receiver.status = 503
    webhook_deliver(endpoint=endpoint, event=event)

    response = owner_client.get(URL)

    assert response.status_code == 200
    page = text(response)
    assert endpoint.url in page
    assert "proposal.submitted" in page
    assert "Active" in page
    assert "Failed HTTP 503" in page
    assert olga_endpoint.url not in page
    assert f'href="/webhooks/{endpoint.pk}/"' in response.content.decode()
    assert 'href="/webhooks/new/"' in response.content.decode()


def test_a_disabled_endpoint_says_since_when_and_why(owner_client, endpoint):
    webhook_endpoint_disable(webhook_endpoint=endpoint, reason="Every attempt failed.")

    page = text(owner_client.get(URL))

    assert "Disabled since" in page
    assert "Every attempt failed." in page


def test_it_explains_how_to_check_the_signature(owner_client):
    page = text(owner_client.get(URL))

    assert "Norte-Signature" in page
    assert "more than 5 minutes old" in page
    assert "hmac.compare_digest" in page


def test_the_secret_is_never_on_it(owner_client, endpoint):
    assert endpoint.secret not in owner_client.get(URL).content.decode()


def test_the_header_links_it_for_owners_only(client, alice, bob):
    client.force_login(alice)
    assert 'href="/webhooks/"' in client.get("/").content.decode()

    client.force_login(bob)
    assert 'href="/webhooks/"' not in client.get("/").content.decode()


def test_a_member_who_is_not_an_owner_reads_why_not(client, bob):
    client.force_login(bob)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Only an owner of the organisation may register webhook endpoints." in text(response)


@pytest.mark.parametrize("user", ["charlie", "staff"])
def test_someone_in_no_organisation_finds_nothing(client, request, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(URL).status_code == 404


def test_a_vendor_owner_has_the_page_too(client, vera):
    client.force_login(vera)

    assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("language", "heading", "state"),
    [("es-MX", "Sus endpoints", "Activo"), ("fr-CA", "Vos points de terminaison", "Actif")],
)
def test_it_speaks_the_visitors_language(owner_client, endpoint, language, heading, state):
    page = text(owner_client.get(URL, HTTP_ACCEPT_LANGUAGE=language))

    assert heading in page
    assert state in page

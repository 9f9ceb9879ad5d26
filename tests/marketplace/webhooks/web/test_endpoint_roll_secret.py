"""/webhooks/<id>/roll-secret/: an owner confirms, gets a new secret shown once, and the old
one stops signing."""

import pytest

from marketplace.webhooks.services import webhook_endpoint_create
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/roll-secret/"


def test_it_asks_first(owner_client, endpoint):
    response = owner_client.get(url(endpoint))

    assert response.status_code == 200
    assert "the old one stops signing at once" in text(response).lower()
    assert endpoint.secret not in response.content.decode()


def test_an_owner_rolls_it_and_reads_the_new_one_once(owner_client, endpoint):
    old = endpoint.secret

    response = owner_client.post(url(endpoint))

    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert response.url == f"/webhooks/{endpoint.pk}/"
    assert endpoint.secret not in response.url
    shown = owner_client.get(response.url)
    assert endpoint.secret in shown.content.decode()
    assert old not in shown.content.decode()
    assert "The secret is rolled" in text(shown)
    assert endpoint.secret not in owner_client.get(response.url).content.decode()


def test_a_member_gets_403_and_the_secret_stays(client, bob, endpoint):
    client.force_login(bob)
    old = endpoint.secret

    assert client.get(url(endpoint)).status_code == 403
    assert client.post(url(endpoint)).status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.secret == old


def test_another_organisations_endpoint_is_not_found(owner_client, olga_endpoint):
    old = olga_endpoint.secret

    assert owner_client.post(url(olga_endpoint)).status_code == 404
    olga_endpoint.refresh_from_db()
    assert olga_endpoint.secret == old


def test_a_secret_kept_for_one_endpoint_is_not_shown_on_another(
    owner_client, endpoint, alice, receiver
):
    other = webhook_endpoint_create(actor=alice, url=receiver.url, events=["review.posted"])
    owner_client.post(url(endpoint))
    endpoint.refresh_from_db()

    assert endpoint.secret not in owner_client.get(f"/webhooks/{other.pk}/").content.decode()
    assert endpoint.secret in owner_client.get(f"/webhooks/{endpoint.pk}/").content.decode()

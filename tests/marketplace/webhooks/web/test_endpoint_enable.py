"""/webhooks/<id>/enable/: an owner turns a paused or disabled endpoint back on."""

import pytest

from marketplace.webhooks.services import webhook_endpoint_disable
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/enable/"


def test_an_owner_turns_a_disabled_endpoint_back_on_and_its_reason_is_forgotten(
    owner_client, endpoint
):
    webhook_endpoint_disable(webhook_endpoint=endpoint, reason="Every attempt failed.")

    response = owner_client.post(url(endpoint), follow=True)

    assert response.redirect_chain == [(f"/webhooks/{endpoint.pk}/", 302)]
    assert "The endpoint is active again" in text(response)
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert (endpoint.disabled_at, endpoint.disabled_reason) == (None, "")


def test_a_member_gets_403_and_it_stays_off(client, bob, endpoint):
    webhook_endpoint_disable(webhook_endpoint=endpoint, reason="Every attempt failed.")
    client.force_login(bob)

    assert client.post(url(endpoint)).status_code == 403
    endpoint.refresh_from_db()
    assert not endpoint.is_active


def test_another_organisations_endpoint_is_not_found(owner_client, olga_endpoint):
    assert owner_client.post(url(olga_endpoint)).status_code == 404


def test_it_is_a_post(owner_client, endpoint):
    assert owner_client.get(url(endpoint)).status_code == 405

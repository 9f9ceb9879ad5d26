"""/webhooks/<id>/delete/: an owner confirms and the endpoint goes, with its log."""

import pytest

from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.services import webhook_deliver
from tests.marketplace.web.pages import text

pytestmark = pytest.mark.django_db


def url(endpoint) -> str:
    return f"/webhooks/{endpoint.pk}/delete/"


def test_it_asks_first(owner_client, endpoint):
    response = owner_client.get(url(endpoint))

    assert "This cannot be undone." in text(response)
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_an_owner_removes_it_and_its_log(owner_client, endpoint, event):
    webhook_deliver(endpoint=endpoint, event=event)

    response = owner_client.post(url(endpoint), follow=True)

    assert response.redirect_chain == [("/webhooks/", 302)]
    assert "The endpoint and its delivery log are removed." in text(response)
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_a_member_gets_403_and_it_stays(client, bob, endpoint):
    client.force_login(bob)

    assert client.get(url(endpoint)).status_code == 403
    assert client.post(url(endpoint)).status_code == 403
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_another_organisations_endpoint_is_not_found(owner_client, olga_endpoint):
    assert owner_client.post(url(olga_endpoint)).status_code == 404
    assert WebhookEndpoint.objects.filter(pk=olga_endpoint.pk).exists()

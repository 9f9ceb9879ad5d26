"""The webhooks pages' cast: Alice owns Operadora Azteca and its endpoints, Bob is a member
there, Olga owns another company; `endpoint` points at a real receiver on 127.0.0.1
(../conftest.py)."""

import pytest

from marketplace.webhooks.services import webhook_endpoint_create

PRIVATE_URL = "http://10.0.0.7/hooks"


@pytest.fixture
def owner_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def olga_endpoint(olga):
    return webhook_endpoint_create(
        actor=olga, url="http://127.0.0.1:9/olga", events=["request.awarded"]
    )

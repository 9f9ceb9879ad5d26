"""The admin shows idempotency keys read-only. `admin_client` is pytest-django's client logged
in as a superuser."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from config.idempotency.models import IdempotencyKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(alice):
    return IdempotencyKey.objects.create(
        user=alice,
        key="2f1c9a52-retry",
        method="POST",
        path="/api/v1/requests/",
        response_status=201,
        response_body='{"id": 7}',
        completed_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=24),
    )


def test_staff_read_what_a_key_answered(admin_client, key):
    listing = admin_client.get(reverse("admin:idempotency_idempotencykey_changelist"))
    page = admin_client.get(reverse("admin:idempotency_idempotencykey_change", args=[key.pk]))

    assert listing.status_code == page.status_code == 200
    assert "2f1c9a52-retry" in listing.content.decode()
    assert "{&quot;id&quot;: 7}" in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split('id="content-main"')[1]


def test_no_one_adds_changes_or_deletes_keys_there(admin_client, key):
    assert admin_client.get(reverse("admin:idempotency_idempotencykey_add")).status_code == 403
    delete = reverse("admin:idempotency_idempotencykey_delete", args=[key.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:idempotency_idempotencykey_change", args=[key.pk])
    admin_client.post(change, {"key": "changed"})
    key.refresh_from_db()
    assert key.key == "2f1c9a52-retry"

"""The Celery beat task that purges expired idempotency keys."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from config.idempotency.models import IdempotencyKey
from config.idempotency.tasks import purge_expired_idempotency_keys


@pytest.mark.django_db
def test_it_deletes_the_expired_keys(alice):
    IdempotencyKey.objects.create(user=alice, key="old", expires_at=timezone.now() - timedelta(1))
    IdempotencyKey.objects.create(user=alice, key="new", expires_at=timezone.now() + timedelta(1))

    assert purge_expired_idempotency_keys.delay().get() == 1

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_it_runs_every_hour():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == purge_expired_idempotency_keys.name
    )
    assert entry["schedule"] == 60 * 60
    assert purge_expired_idempotency_keys.name == (
        "config.idempotency.tasks.purge_expired_idempotency_keys"
    )

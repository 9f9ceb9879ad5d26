"""Under CI=true the suite runs against the real PostgreSQL and Redis: these tests fail, never
skip, when either is missing there. On a developer machine without CI they are skipped."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

from config.celery_app import app

pytestmark = pytest.mark.skipif(
    not settings.CI, reason="checks the CI services; set CI=true with DATABASE_URL etc."
)


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_cache_is_redis_and_answers():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key, value = f"ci-{uuid.uuid4()}", str(uuid.uuid4())
    cache.set(key, value, timeout=30)
    assert cache.get(key) == value
    cache.delete(key)


def test_the_celery_broker_is_reachable():
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    with Connection(app.conf.broker_url, connect_timeout=5) as broker:
        broker.ensure_connection(max_retries=2)
        assert broker.connected

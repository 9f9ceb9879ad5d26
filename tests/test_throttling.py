"""config/throttling.py: the API's default rates for visitors and users, in the cache that
every web worker shares. The scoped rates are tested with the endpoints they guard (login,
token, password reset, invitations, rematch, search)."""

import pytest
from django.conf import settings
from django.core.cache import cache

from .errors import assert_throttled

pytestmark = pytest.mark.django_db

URL = "/api/v1/sectors/"


def test_the_documented_default_rates():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
        "anon": "120/minute",
        "user": "600/minute",
        "login": "20/minute",
        "password_reset": "5/hour",
        "invitations": "30/hour",
        "rematch": "10/minute",
        "search": "60/minute",
        "suggestions": "120/minute",
    }


def test_visitors_are_throttled_per_address(api, rates):
    rates(anon="2/minute")
    assert [api().get(URL).status_code for _ in range(2)] == [200, 200]

    response = api().get(URL)

    assert_throttled(response, seconds=60)
    assert api().get(URL, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_signed_in_users_are_throttled_per_user_not_by_the_visitors_rate(api, alice, bob, rates):
    rates(anon="1/minute", user="2/minute")
    assert [api(alice).get(URL).status_code for _ in range(2)] == [200, 200]

    assert api(alice).get(URL).status_code == 429
    assert api(bob).get(URL).status_code == 200


def test_the_wait_counts_down(api, rates, monkeypatch):
    rates(anon="1/minute")
    now = 1_000_000.0
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.timer", lambda self: now)
    api().get(URL)

    now += 45
    response = api().get(URL)

    assert response["Retry-After"] == "15"
    now += 15
    assert api().get(URL).status_code == 200


def test_the_counters_live_in_the_default_cache(api, rates):
    """Redis under the real stack (REDIS_URL): one count for every gunicorn worker."""
    rates(anon="1/minute")
    api().get(URL)

    assert cache.get("throttle_anon_127.0.0.1")
    cache.clear()
    assert api().get(URL).status_code == 200

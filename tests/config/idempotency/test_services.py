"""The idempotency services on their own: what is stored and replayed, what makes two requests
the same, and the purge."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.response import Response

from config.idempotency.errors import IdempotencyKeyInUse
from config.idempotency.models import IdempotencyKey
from config.idempotency.services import (
    idempotency_key_use,
    idempotency_keys_purge,
    request_fingerprint,
)

from . import KEY

pytestmark = pytest.mark.django_db

PATH = "/api/v1/requests/"


def use(user, respond, *, fingerprint="same-request"):
    return idempotency_key_use(
        user=user, key=KEY, method="POST", path=PATH, fingerprint=fingerprint, respond=respond
    )


def must_not_act():
    raise AssertionError("a replay must not act again")


def test_a_replay_repeats_the_status_body_and_location_of_the_first_answer(charlie):
    created = Response(
        {"id": 7, "título": "Señal"},
        status=201,
        headers={"Location": "/api/v1/requests/7/", "X-Request-Id": "abc"},
    )
    use(charlie, lambda: created)

    replay = use(charlie, must_not_act)

    assert replay.status_code == 201
    assert replay.data == {"id": 7, "título": "Señal"}
    assert list(replay.data) == ["id", "título"]  # in the first answer's order
    assert replay["Location"] == "/api/v1/requests/7/"
    assert replay["Idempotent-Replayed"] == "true"
    assert not replay.has_header("X-Request-Id")


def test_a_success_without_a_body_is_replayed_without_one(charlie):
    use(charlie, lambda: Response(status=204))

    replay = use(charlie, must_not_act)

    assert (replay.status_code, replay.data) == (204, None)


def test_an_answer_that_is_not_a_success_is_not_stored(charlie):
    use(charlie, lambda: Response({"detail": "Already published."}, status=409))

    again = use(charlie, lambda: Response({"id": 1}, status=202))

    assert (again.status_code, again.has_header("Idempotent-Replayed")) == (202, False)
    assert IdempotencyKey.objects.get().response_status == 202


def test_a_key_purged_between_its_claim_and_its_use_asks_for_a_retry(charlie, monkeypatch):
    # The purge deleting the (expired) row right after the claim found it.
    get_or_create = IdempotencyKey.objects.get_or_create

    def claim_then_purge(**kwargs):
        claimed = get_or_create(**kwargs)
        IdempotencyKey.objects.all().delete()
        return claimed

    monkeypatch.setattr(IdempotencyKey.objects, "get_or_create", claim_then_purge)

    with pytest.raises(IdempotencyKeyInUse):
        use(charlie, must_not_act)


def test_the_fingerprint_is_the_body_as_parsed_with_its_method_and_address():
    body = {"title": "Casino", "skills": ["sportsbook", "odds-feeds"], "team_size": 6}
    same = request_fingerprint(method="POST", path=PATH, data=body)

    assert request_fingerprint(method="POST", path=PATH, data=dict(reversed(body.items()))) == same
    for other in (
        request_fingerprint(method="POST", path=PATH, data={**body, "team_size": 7}),
        request_fingerprint(
            method="POST", path=PATH, data={**body, "skills": ["odds-feeds", "sportsbook"]}
        ),
        request_fingerprint(method="POST", path=f"{PATH}?company=1", data=body),
        request_fingerprint(method="POST", path="/api/v1/vendors/", data=body),
        request_fingerprint(method="PUT", path=PATH, data=body),
    ):
        assert other != same


def test_the_purge_deletes_the_expired_keys_only(alice, bob):
    now = timezone.now()
    IdempotencyKey.objects.create(user=alice, key="expired", expires_at=now - timedelta(1))
    IdempotencyKey.objects.create(user=bob, key="expired", expires_at=now)
    IdempotencyKey.objects.create(user=alice, key="live", expires_at=now + timedelta(1))

    assert idempotency_keys_purge(now=now) == 2

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["live"]

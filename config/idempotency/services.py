"""Claiming an `Idempotency-Key`, answering with its stored response or storing a new one, and
purging the expired keys."""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, transaction
from django.utils import timezone
from psycopg.errors import LockNotAvailable
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .errors import IdempotencyKeyInUse, IdempotencyKeyReused
from .models import IdempotencyKey

# The headers of a first answer that its replays repeat: where the new object or run lives.
STORED_HEADERS = ("Location",)
# Set on a replayed answer, as Stripe does, so that a client can tell it did not act again.
REPLAYED_HEADER = "Idempotent-Replayed"


def request_fingerprint(*, method: str, path: str, data) -> str:
    """What makes two requests "the same request" for a key: method, address (with its query)
    and body as parsed, in a canonical JSON (the raw body is gone once DRF has read it, and
    the same JSON sent with other spacing or key order is the same request)."""
    canonical = json.dumps(
        {"method": method, "path": path, "body": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        cls=DjangoJSONEncoder,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotency_key_use(
    *,
    user: AbstractBaseUser,
    key: str,
    method: str,
    path: str,
    fingerprint: str,
    respond: Callable[[], Response],
) -> Response:
    """The answer to a request sent with `key` by `user`: the stored one if the key already
    succeeded for this same request (`fingerprint`), otherwise `respond()`'s, stored when it is
    a success.

    Two steps, so that requests with one key never wait for each other:

    1. the user's row for the key is created if missing, committed on its own: from then on
       every request with the key meets that one row (the unique constraint decides between
       two that create it at once);
    2. in one transaction the row is locked without waiting — a lock already held means a
       request with the key is being processed (409) — and then the stored answer is
       replayed, or the request acts and its answer is stored in the same transaction as its
       work.

    A request that ends in an exception (a refusal, a bug, a dropped connection or a killed
    process) therefore rolls back its work together with its answer, leaving the key free for
    a retry that cannot act twice; no timeout is needed to release it. Only a success (2xx) is
    stored: a refusal changed nothing, and it may not hold on the next try (a draft completed
    in between, a throttle's window over), so a retry with the key is answered afresh.
    """
    IdempotencyKey.objects.get_or_create(
        user=user, key=key, defaults={"expires_at": timezone.now() + _time_to_live()}
    )
    with transaction.atomic():
        record = _lock(user=user, key=key)
        if record.is_replayable(now=timezone.now()):
            if record.fingerprint != fingerprint:
                raise IdempotencyKeyReused
            return _replay(record)
        response = respond()
        if status.is_success(response.status_code):
            record.method, record.path, record.fingerprint = method, path, fingerprint
            _store(record, response=response, now=timezone.now())
        return response


def idempotency_keys_purge(*, now: datetime | None = None) -> int:
    """Delete the keys past their expiry; returns how many. Expired keys answer nothing
    already, this only keeps the table small."""
    deleted, _ = IdempotencyKey.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def _time_to_live() -> timedelta:
    return timedelta(hours=settings.IDEMPOTENCY_KEY_TTL_HOURS)


def _lock(*, user: AbstractBaseUser, key: str) -> IdempotencyKey:
    try:
        return IdempotencyKey.objects.select_for_update(nowait=True).get(user=user, key=key)
    except OperationalError as error:
        if isinstance(error.__cause__, LockNotAvailable):
            raise IdempotencyKeyInUse from error
        raise
    except IdempotencyKey.DoesNotExist as error:
        # The purge deleted it (it had expired) between the two steps: rare enough that the
        # caller's retry, which starts from a new row, is the simplest way through.
        raise IdempotencyKeyInUse from error


def _store(record: IdempotencyKey, *, response: Response, now: datetime) -> None:
    record.response_status = response.status_code
    # What a JSON client received (JSONRenderer renders nothing for no data, as for a 204).
    record.response_body = JSONRenderer().render(response.data).decode()
    record.response_headers = {
        name: response[name] for name in STORED_HEADERS if response.has_header(name)
    }
    record.completed_at = now
    record.expires_at = now + _time_to_live()
    record.save()


def _replay(record: IdempotencyKey) -> Response:
    data = json.loads(record.response_body) if record.response_body else None
    headers = {**record.response_headers, REPLAYED_HEADER: "true"}
    return Response(data, status=record.response_status, headers=headers)

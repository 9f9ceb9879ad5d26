"""`Idempotency-Key` under concurrent retries, against PostgreSQL: requests in threads, each on
its own database connection as in separate web workers. Only one of them acts; a retry that
arrives while the first is still working is told so (409) and later gets the first answer; a
request whose database connection is killed half-way leaves nothing behind and its key free.

Under CI=true these tests fail without PostgreSQL; elsewhere they skip (SQLite in memory is one
connection, so there is nothing concurrent to test). The tests commit their rows so that every
connection sees them (transaction=True), and restore the migrations' reference data afterwards.
"""

import threading
import time

import pytest
from django.db import connection, connections

from config.idempotency.errors import IdempotencyKeyInUse
from marketplace.api import views as marketplace_views
from marketplace.models import OutsourcingRequest

from . import key_header, refused_with
from .test_api import REPLAYED, URL, new_request

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql"),
]

WAIT_SECONDS = 20


def in_thread(send):
    """Start `send()` in a thread of its own (so on a connection of its own); the dict it
    returns receives the answer, or the exception."""
    outcome = {}

    def run():
        try:
            outcome["response"] = send()
        except Exception as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    outcome["thread"] = thread
    return outcome


def finished(outcome):
    outcome["thread"].join(WAIT_SECONDS)
    assert not outcome["thread"].is_alive()
    return outcome


@pytest.fixture
def held_create(monkeypatch):
    """`request_create` that drafts, signals `started` and waits for `release` before it
    returns: the first request has acted but not answered for as long as the test wants."""
    create = marketplace_views.request_create
    held = {"started": threading.Event(), "release": threading.Event(), "pids": []}

    def create_then_hold(**kwargs):
        created = create(**kwargs)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            held["pids"].append(cursor.fetchone()[0])
        held["started"].set()
        held["release"].wait(WAIT_SECONDS)
        return created

    monkeypatch.setattr(marketplace_views, "request_create", create_then_hold)
    held["restore"] = lambda: monkeypatch.setattr(marketplace_views, "request_create", create)
    return held


def test_a_retry_while_the_first_is_working_is_told_to_wait_and_then_gets_its_answer(
    api, bob, held_create
):
    first_client, retry_client = api(bob), api(bob)
    first = in_thread(lambda: first_client.post(URL, new_request(), headers=key_header()))
    assert held_create["started"].wait(WAIT_SECONDS)

    meanwhile = retry_client.post(URL, new_request(), headers=key_header())
    held_create["release"].set()
    first = finished(first)["response"]
    later = retry_client.post(URL, new_request(), headers=key_header())

    assert refused_with(meanwhile, IdempotencyKeyInUse)
    assert first.status_code == 201
    assert later[REPLAYED] == "true"
    assert later.json() == first.json()
    assert OutsourcingRequest.objects.count() == 1


def test_retries_sent_at_the_same_moment_draft_once(api, bob):
    clients = [api(bob) for _ in range(4)]
    start = threading.Barrier(len(clients))

    def send(client):
        start.wait(WAIT_SECONDS)
        return client.post(URL, new_request(), headers=key_header())

    outcomes = [finished(o) for o in [in_thread(lambda c=c: send(c)) for c in clients]]
    responses = [outcome["response"] for outcome in outcomes]

    acted = [r for r in responses if r.status_code == 201 and not r.has_header(REPLAYED)]
    assert len(acted) == 1
    for response in responses:
        if response is not acted[0]:
            assert refused_with(response, IdempotencyKeyInUse) or (
                response[REPLAYED] == "true" and response.json() == acted[0].json()
            )
    assert OutsourcingRequest.objects.count() == 1


def test_a_request_killed_half_way_leaves_nothing_behind_and_its_key_to_the_retry(
    api, bob, held_create
):
    doomed_client = api(bob)
    doomed_client.raise_request_exception = False
    doomed = in_thread(lambda: doomed_client.post(URL, new_request(), headers=key_header()))
    assert held_create["started"].wait(WAIT_SECONDS)

    # Its web worker dies: PostgreSQL ends the connection and rolls its transaction back.
    pid = held_create["pids"][0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone() is None:
                break
            time.sleep(0.05)
    held_create["release"].set()
    finished(doomed)
    held_create["restore"]()

    assert not OutsourcingRequest.objects.exists()
    retry = api(bob).post(URL, new_request(), headers=key_header())

    assert retry.status_code == 201
    assert not retry.has_header(REPLAYED)
    assert OutsourcingRequest.objects.count() == 1

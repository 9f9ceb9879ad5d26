"""Matching runs through a real Celery worker subprocess, against real PostgreSQL and Redis:
a published request gets its matches; a run whose worker is killed with SIGKILL mid-run, and a
run published while the broker is down, are both completed by the sweeper.

The harness (a worker subprocess, the Redis database of these tests, a redis-server of the
test's own) is tests/marketplace/workers.py, which says when these tests run or skip.
"""

import time

import pytest

from marketplace.models import MatchResult, MatchRun, VendorExpertise
from marketplace.services.matching import match_runs_sweep

from ..factories import OutsourcingRequestFactory, VendorFactory, sector
from .workers import WAIT_SECONDS, publish_to

# The tests commit their rows for the worker to read; the flush after each test also empties
# the reference data from the migrations, so it is restored (serialized_rollback).
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def spanish_speaking_vendors(db):
    """Three approved vendors that can work in Spanish, one of them a sports-betting expert."""
    vendors = [
        VendorFactory(name=f"Maple Odds {n}", slug=f"maple-odds-{n}", speaks_es=True)
        for n in range(3)
    ]
    VendorExpertise.objects.create(
        vendor=vendors[0], sector=sector("sports-betting"), level=5, years=10
    )
    return vendors


@pytest.fixture
def draft(company, alice):
    return OutsourcingRequestFactory(company=company, author=alice)


def publish(api, user, request):
    response = api(user).post(f"/api/v1/requests/{request.pk}/publish/")
    assert response.status_code == 202, response.content
    return request.match_runs.get()


def wait_for(run: MatchRun, status: str, workers) -> MatchRun:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == status:
            return run
        if run.status == MatchRun.Status.FAILED:
            break
        time.sleep(0.1)
    pytest.fail(
        f"run {run.pk} is {run.status} ({run.error or 'no error'}), not {status}, after "
        f"{WAIT_SECONDS} s.\n{workers.logs()}"
    )


def test_a_published_request_gets_its_matches_from_the_worker(
    api, alice, draft, spanish_speaking_vendors, vendor, broker_url, workers
):
    workers.start(broker_url=broker_url)

    run = wait_for(publish(api, alice, draft), MatchRun.Status.DONE, workers)

    body = api(alice).get(f"/api/v1/requests/{draft.pk}/matches/").json()
    assert body["run"]["status"] == body["latest_run"]["status"] == "done"
    assert body["run"]["id"] == run.pk
    ranked = [result["vendor"] for result in body["results"]]
    # The English-only `vendor` shares no language with the request: never a match.
    assert sorted(ranked) == sorted(v.pk for v in spanish_speaking_vendors)
    assert ranked[0] == spanish_speaking_vendors[0].pk
    assert [result["rank"] for result in body["results"]] == [1, 2, 3]
    assert run.attempts == 1
    assert run.candidates == 3


def test_a_run_whose_worker_is_killed_mid_run_is_completed_by_the_sweeper(
    api, alice, draft, spanish_speaking_vendors, broker_url, workers, settings
):
    doomed = workers.start(broker_url=broker_url, ranking_delay=60)
    run = wait_for(publish(api, alice, draft), MatchRun.Status.RUNNING, workers)

    doomed.kill()

    run.refresh_from_db()
    assert run.status == MatchRun.Status.RUNNING
    assert not run.results.exists()
    workers.start(broker_url=broker_url)
    # As if MATCHING_RUNNING_TIMEOUT had passed since the run started.
    settings.MATCHING_RUNNING_TIMEOUT = 0
    assert match_runs_sweep() == 1

    run = wait_for(run, MatchRun.Status.DONE, workers)
    assert run.attempts == 2
    assert MatchResult.objects.filter(run=run).count() == 3


def test_a_run_published_while_the_broker_is_down_completes_once_it_is_back(
    api, alice, draft, spanish_speaking_vendors, own_redis, workers, settings, caplog
):
    publish_to(own_redis.url)
    own_redis.stop()

    started = time.monotonic()
    run = publish(api, alice, draft)
    publishing_took = time.monotonic() - started

    # The company's publish succeeded, promptly; the run waits for the sweeper.
    assert publishing_took < 5
    assert "Could not send match run" in caplog.text
    run.refresh_from_db()
    assert run.status == MatchRun.Status.QUEUED
    # A send the broker refused is no attempt: the sweeper's next pass sends the run.
    assert (run.attempts, run.dispatched_at) == (0, None)
    own_redis.start()
    workers.start(broker_url=own_redis.url)
    assert match_runs_sweep() == 1

    run = wait_for(run, MatchRun.Status.DONE, workers)
    assert run.attempts == 1
    assert MatchResult.objects.filter(run=run).count() == 3

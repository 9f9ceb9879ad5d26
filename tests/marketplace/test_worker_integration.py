"""Matching runs through a real Celery worker subprocess, against real PostgreSQL and Redis:
a published request gets its matches; a run whose worker is killed with SIGKILL mid-run, and a
run published while the broker is down, are both completed by the sweeper.

Under CI=true these tests fail when the services are missing. Elsewhere they run when
DATABASE_URL points at PostgreSQL and CELERY_BROKER_URL at Redis, and skip otherwise.

The worker (tests/worker_app.py) reads the test database, which pytest-django names
`test_<name>`; the tests commit their data (transaction=True) so that it can see it. The test
process publishes for real (not eagerly) to a Redis database that only these tests use.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery_app import app
from marketplace.models import MatchResult, MatchRun, VendorExpertise
from marketplace.services.matching import match_runs_sweep

from ..factories import OutsourcingRequestFactory, VendorFactory, sector
from ..services import require

# The tests commit their rows for the worker to read; the flush after each test also empties
# the reference data from the migrations, so it is restored (serialized_rollback).
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The worker tests' own Redis database on the configured broker's server: flushed before and
# after each test, so a leftover message never reaches another test or another worker.
WORKER_TESTS_REDIS_DB = 15
WAIT_SECONDS = 30


@pytest.fixture
def broker_url(monkeypatch):
    """The URL the workers consume from and the test process publishes to, for real."""
    configured = settings.CELERY_BROKER_URL
    require(
        connection.vendor == "postgresql",
        "the worker tests need DATABASE_URL pointing at PostgreSQL (SQLite is per-process)",
    )
    require(
        configured.startswith("redis://"),
        "the worker tests need CELERY_BROKER_URL pointing at Redis",
    )
    url = urlsplit(configured)._replace(path=f"/{WORKER_TESTS_REDIS_DB}").geturl()
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.flushdb()
    except redis.RedisError as error:
        require(False, f"Redis at {configured} does not answer: {error}")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # restored at the end of the test
    publish_to(url)
    try:
        yield url
    finally:
        app.conf.task_always_eager = eager
        publish_to(configured)
        client.flushdb()
        client.close()


def publish_to(url: str) -> None:
    """Point the test process's Celery app at `url`, dropping the connections it has cached
    (Celery keeps no public way to swap a configured app's broker). Celery reads the
    CELERY_BROKER_URL environment variable before its configuration, so both change."""
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    def __init__(self, process: subprocess.Popen, log_path):
        self.process = process
        self.log_path = log_path

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a lost machine would: no clean-up at all."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class Workers:
    """`celery worker` subprocesses (solo pool: one task at a time, run in the process that
    is killed) on the test database, each logging to its own file."""

    def __init__(self, *, database_url: str, directory):
        self.database_url = database_url
        self.directory = directory
        self.started: list[Worker] = []

    def start(self, *, broker_url: str, ranking_delay: float = 0) -> Worker:
        log_path = self.directory / f"worker-{len(self.started) + 1}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": broker_url,
            "NORTE_TEST_RANKING_DELAY": str(ranking_delay),
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(settings.BASE_DIR), os.environ.get("PYTHONPATH")])
            ),
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable,
                    *("-m", "celery", "-A", "tests.worker_app", "worker"),
                    *("--pool=solo", "--concurrency=1", "--loglevel=INFO"),
                    *("--without-mingle", "--without-gossip", "--without-heartbeat"),
                    f"--hostname=norte-test-{uuid.uuid4().hex[:8]}@%h",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        worker = Worker(process, log_path)
        self.started.append(worker)
        return worker

    def logs(self) -> str:
        return "\n".join(f"--- {w.log_path.name}\n{w.log()}" for w in self.started)


@pytest.fixture
def workers(broker_url, tmp_path):
    """Every worker a test starts is gone when it ends, before the database is flushed."""
    # DATABASE_URL is set: broker_url has checked that the tests run on PostgreSQL.
    test_database = urlsplit(os.environ["DATABASE_URL"])._replace(
        path=f"/{connection.settings_dict['NAME']}"
    )
    workers = Workers(database_url=test_database.geturl(), directory=tmp_path)
    try:
        yield workers
    finally:
        # Killed outright: a warm shutdown costs seconds per worker, and a throwaway worker
        # has nothing to save (PostgreSQL rolls back whatever it had open).
        for worker in workers.started:
            worker.kill()


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test may stop and start
    again. The machine's Redis is never touched."""

    def __init__(self, directory):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                *("--dir", str(self.directory)),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)
            finally:
                client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def own_redis(broker_url, tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server is not on PATH")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


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

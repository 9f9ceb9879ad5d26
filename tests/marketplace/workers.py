"""The harness of the worker tests (tests marked `services`): a real Celery worker subprocess
(tests/worker_app.py) on the test's PostgreSQL database, a Redis database of their own, a
redis-server the test may stop and start again, and a webhook receiver on 127.0.0.1.

Under CI=true these tests fail when the services are missing. Elsewhere they run when
DATABASE_URL points at PostgreSQL and CELERY_BROKER_URL at Redis, and skip otherwise.

The worker reads the test database, which pytest-django names `test_<name>`; the tests commit
their data (`django_db(transaction=True)`) so that it can see it. The test process publishes
for real (not eagerly) to a Redis database that only these tests use.

The fixtures are registered for tests/marketplace/ by its conftest.py.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery_app import app
from marketplace.webhooks.signing import signature_verify

from ..receivers import serving
from ..services import require

# The worker tests' own Redis database on the configured broker's server: flushed before and
# after each test, so a leftover message never reaches another test or another worker. 15 for
# the first (or only) test process; under `pytest -n` each process takes the next one down that
# neither the cache nor the broker uses, so no process flushes, or consumes, another's messages.
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
    url = urlsplit(configured)._replace(path=f"/{worker_tests_redis_db()}").geturl()
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


def worker_tests_redis_db() -> int:
    """This test process's database for the worker tests (see WORKER_TESTS_REDIS_DB)."""
    process = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    taken = {_redis_db(settings.CELERY_BROKER_URL), _redis_db(settings.REDIS_URL)}
    free = [db for db in range(WORKER_TESTS_REDIS_DB, -1, -1) if db not in taken]
    if process >= len(free):
        pytest.fail(f"Redis has no database left for test process {process}: run fewer (-n)")
    return free[process]


def _redis_db(url: str) -> int | None:
    return int(urlsplit(url).path.strip("/") or 0) if url.startswith("redis") else None


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

    def start(self, *, broker_url: str, ranking_delay: float = 0, **hooks: str) -> Worker:
        """A worker consuming from `broker_url`. `ranking_delay` and `hooks` are the test-only
        switches of tests/worker_app.py: `hooks` become NORTE_TEST_<NAME> variables."""
        log_path = self.directory / f"worker-{len(self.started) + 1}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": broker_url,
            "NORTE_TEST_RANKING_DELAY": str(ranking_delay),
            # The tests read "Task … succeeded" lines in the worker's log.
            "CELERY_TASK_LOG_LEVEL": "INFO",
            **{f"NORTE_TEST_{name.upper()}": str(value) for name, value in hooks.items()},
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

    def wait_until(self, condition: Callable[[], object], what: str, seconds=WAIT_SECONDS):
        """Poll `condition` until it is true, and return what it returned; fail naming `what`,
        with the workers' logs, after `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                pytest.fail(f"Not {what} after {seconds} s.\n{self.logs()}")
            time.sleep(0.1)


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


class WebhookReceiver:
    """An organisation's receiver on 127.0.0.1, in the test process: it checks each POST's
    `Norte-Signature` against `secret` (signing.py, as a receiver would copy it) and answers
    200. While `hold` is set it keeps each POST unanswered (the test decides when a worker
    dies in the middle of one); `holding` is set once a POST is being held."""

    def __init__(self):
        self.secret = ""
        self.status = 200
        self.received: list[dict] = []
        self.hold = threading.Event()
        self.holding = threading.Event()
        self._lock = threading.Lock()
        self.url = ""

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver._lock:
                    receiver.received.append(
                        {
                            "headers": dict(self.headers),
                            "body": json.loads(body),
                            "verified": signature_verify(
                                secret=receiver.secret,
                                body=body,
                                header=self.headers.get("Norte-Signature", ""),
                            ),
                            "answered": not receiver.hold.is_set(),
                        }
                    )
                if receiver.hold.is_set():
                    receiver.holding.set()
                    # Until the test lets go; the worker waiting for the answer is killed.
                    while receiver.hold.is_set():
                        time.sleep(0.05)
                    return
                try:
                    self.send_response(receiver.status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        return Handler

    def hits(self) -> Counter:
        """How many POSTs each event id reached the receiver with."""
        with self._lock:
            return Counter(delivery["body"]["id"] for delivery in self.received)

    def effective(self) -> dict[int, dict]:
        """What the receiver acts on, deduplicating by the event's id as it is asked to: the
        first verified POST of each id (its `Norte-Event-Id` header agreeing with the body)."""
        acted = {}
        with self._lock:
            for delivery in self.received:
                event_id = delivery["body"]["id"]
                if delivery["verified"] and event_id not in acted:
                    assert delivery["headers"]["Norte-Event-Id"] == str(event_id)
                    assert delivery["headers"]["Idempotency-Key"] == str(event_id)
                    acted[event_id] = delivery["body"]
        return acted


@pytest.fixture
def webhook_receiver():
    receiver = WebhookReceiver()
    with serving(receiver.handler(), "/hooks/norte") as receiver.url:
        yield receiver
        receiver.hold.clear()  # a POST still held lets go, so the server can stop

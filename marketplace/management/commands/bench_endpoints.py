"""`manage.py bench_endpoints`: each measured endpoint's throughput next to its reference's.

It starts gunicorn on 127.0.0.1 with the production settings (DEBUG off, persistent
connections unless CONN_MAX_AGE says otherwise, Redis cache) and the reference views on
(marketplace/benchmarks), against this command's database (DATABASE_URL, PostgreSQL), then
drives each endpoint and its reference in turn with a few client threads, for the same time,
five times each, alternating, so a machine busy for a moment slows both. One line per endpoint:

    endpoint      real_rps  reference_rps  ratio
    vendors-api      123.4          150.2  0.822

The ratio is the real endpoint's requests per second over its reference's; the target is 0.5
or more. Throttles are set out of reach (the counting itself still runs on every request, over
a one-second window). The
API is called with a knox token and the pages with a session cookie, both for a member of the
company owning the request with the most ranked vendors; seeded with `seed_demo` first when the
database holds fewer than --vendors vendors. Figures depend on the machine: compare ratios
from one run, never absolute numbers across machines.
"""

import http.client
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from knox.models import AuthToken

from companies.models import Membership
from marketplace.management.commands.bench_matching import refresh_statistics
from marketplace.models import MatchRun, Vendor

# Never reached, and counted over a second: DRF keeps every request's time within the period in
# the counter, so a minute's worth at these rates would make each request read and write a
# list thousands long, a cost no real limit (600 a minute) comes near.
REACHABLE = "100000/second"
THROTTLED_SCOPES = ("ANON", "USER", "SEARCH")


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    api: bool


class Command(BaseCommand):
    help = (
        "Throughput of the vendors API (a page, one vendor), the directory page, a request's "
        "matches (API) and the requests dashboard, each next to its hand-written reference, "
        "under gunicorn with the production settings. One line per endpoint: real rps, "
        "reference rps, ratio (target ≥ 0.5)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--vendors", type=int, default=10000, help="Vendors wanted (seeded if fewer)."
        )
        parser.add_argument(
            "--seconds", type=float, default=2.0, help="Time per endpoint and side, per round."
        )
        parser.add_argument("--rounds", type=int, default=5, help="Alternations per endpoint.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--threads", type=int, default=4, help="Client threads.")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--only", default="", help="Comma-separated endpoint names to measure (default all)."
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run it against PostgreSQL: set DATABASE_URL.")
        if Vendor.objects.count() < options["vendors"]:
            call_command("seed_demo", vendors=options["vendors"], verbosity=0)
            refresh_statistics()  # as autovacuum would have before real traffic
        run = (
            MatchRun.objects.filter(status=MatchRun.Status.DONE, request__company__isnull=False)
            .annotate(ranked=Count("results"))
            .order_by("-ranked", "-pk")
            .select_related("request")
            .first()
        )
        if run is None:
            raise CommandError("No finished match run: run `seed_demo` with matching first.")
        membership = (
            Membership.objects.filter(company_id=run.request.company_id)
            .select_related("user")
            .first()
        )
        if membership is None:
            raise CommandError(f"Company {run.request.company_id} has no member to act as.")
        user = membership.user
        vendor = Vendor.objects.filter(status=Vendor.Status.APPROVED).order_by("pk").first()
        endpoints = [
            Endpoint("vendors-api", "/api/v1/vendors/", api=True),
            Endpoint("vendor-api", f"/api/v1/vendors/{vendor.pk}/", api=True),
            Endpoint("directory", "/vendors/", api=False),
            Endpoint("matches-api", f"/api/v1/requests/{run.request_id}/matches/", api=True),
            Endpoint("dashboard", "/requests/", api=False),
        ]
        if options["only"]:
            wanted = set(options["only"].split(","))
            endpoints = [endpoint for endpoint in endpoints if endpoint.name in wanted]

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token_row, token = AuthToken.objects.create(user=user)
        headers = {
            True: {"Authorization": f"Token {token}"},
            False: {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"},
        }
        server = None
        try:
            server = self.start_server(options)
            self.stdout.write(
                f"vendors={Vendor.objects.count()} user={user.username} "
                f"request={run.request_id} results={run.ranked} "
                f"workers={options['workers']} threads={options['threads']} "
                f"conn_max_age={os.environ.get('CONN_MAX_AGE', '60 (production default)')}"
            )
            self.stdout.write(
                f"{'endpoint':<13} {'real_rps':>9} {'reference_rps':>14} {'ratio':>6}"
            )
            for endpoint in endpoints:
                self.measure(endpoint, headers[endpoint.api], options)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            token_row.delete()
            session.delete()

    def server_environment(self, options) -> dict:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            # The sessions it makes are signed with this process's key.
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
            "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/9"),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            # Only emails' links use it; the benchmark sends none.
            "SITE_URL": "https://norte.example",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "NORTE_REFERENCE_VIEWS": "true",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        for scope in THROTTLED_SCOPES:
            environment[f"THROTTLE_RATE_{scope}"] = REACHABLE
        return environment

    def start_server(self, options) -> subprocess.Popen:
        environment = self.server_environment(options)
        project = Path(settings.BASE_DIR)
        # The production storage serves files from collectstatic's manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=project,
            env=environment,
            check=True,
        )
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{options['port']}",
                "--workers",
                str(options["workers"]),
                "--log-level",
                "warning",
            ],
            cwd=project,
            env=environment,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn stopped: see its messages above.")
            try:
                status, _ = request(options["port"], "/api/v1/sectors/", {})
            except OSError:
                time.sleep(0.2)
                continue
            if status == 200:
                return server
        server.terminate()
        raise CommandError("gunicorn did not answer within a minute.")

    def measure(self, endpoint: Endpoint, headers: dict, options) -> None:
        port, threads = options["port"], options["threads"]
        sides = {"real": endpoint.path, "reference": "/_reference" + endpoint.path}
        for path in sides.values():
            status, body = request(port, path, headers)
            if status != 200:
                raise CommandError(f"{path} answered {status}: {body[:300]!r}")
            load(port, path, headers, threads=threads, seconds=min(1.0, options["seconds"]))
        done = dict.fromkeys(sides, 0)
        spent = dict.fromkeys(sides, 0.0)
        errors = dict.fromkeys(sides, 0)
        for _round in range(options["rounds"]):
            for side, path in sides.items():
                count, failed, elapsed = load(
                    port, path, headers, threads=threads, seconds=options["seconds"]
                )
                done[side] += count
                errors[side] += failed
                spent[side] += elapsed
        real, reference = (done[side] / spent[side] for side in sides)
        line = f"{endpoint.name:<13} {real:>9.1f} {reference:>14.1f} {real / reference:>6.3f}"
        if any(errors.values()):
            line += f"  errors real={errors['real']} reference={errors['reference']}"
        self.stdout.write(line)


def request(port: int, path: str, headers: dict) -> tuple[int, bytes]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


def load(port: int, path: str, headers: dict, *, threads: int, seconds: float):
    """(answered 200, failed, seconds taken) with `threads` clients asking in a loop."""
    stop = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(threads)]

    def client(tally):
        while time.monotonic() < stop:
            status, _body = request(port, path, headers)
            tally[0 if status == 200 else 1] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(tally,)) for tally in counts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    return sum(c[0] for c in counts), sum(c[1] for c in counts), elapsed

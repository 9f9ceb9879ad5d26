"""`manage.py bench_matching --vendors N`: how long ranking takes next to a bare SELECT, from
the database and from the worker's in-memory vendor table, side by side in one run.

For a few published requests, one per sector in turn, it times (a) the SELECT of the candidate
columns alone (`loading.fetch_candidate_rows`), (b) the full ranking from the database
(`match_request_rank(from_snapshot=False)`: lexicon, request profile, candidate load with the
skills read from descriptions, core, who was left out) and (c) the same ranking from the
snapshot (`from_snapshot=True`: the version check, the profile, indexing the table, the core),
checking that (b) and (c) agree. Each is repeated `--repeat` times and the median kept per
request; the last line gives the per-request mean of those medians, in seconds, and their
ratios to the SELECT:

    vendors=100002 select_s=0.0573 rank_s=0.1436 ratio=2.506 snapshot_s=0.0190 snapshot_ratio=0.332

Before the table, it reports building the snapshot: how long, and the memory it holds (its
columns, and what the process grew by), which is what each worker process pays once.

The database is topped up first with `seed_demo` when it has fewer than N demo vendors or too
few published requests, then analysed (and on PostgreSQL vacuumed) so the planner knows the new
tables, as autovacuum would have by the time real traffic arrives.
"""

import io
import resource
import statistics
import time
from collections import defaultdict
from itertools import zip_longest

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.matching import loading, match_request_rank, snapshot

# Enough seeded requests that every sector has published ones (seed_demo keeps about one in
# seven as drafts and gives request i the sector i mod 13).
MIN_SEEDED_REQUESTS = 30


class Command(BaseCommand):
    help = (
        "Seed N demo vendors if needed, then time a bare SELECT of the candidate columns against "
        "the full ranking, from the database and from the in-memory snapshot, for several "
        "published requests. Last line: `vendors=N select_s=X rank_s=Y ratio=Y/X snapshot_s=S "
        "snapshot_ratio=S/X` (per-request means, in seconds)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--vendors", type=int, default=1000, help="Demo vendors wanted (seeded if missing)."
        )
        parser.add_argument(
            "--requests", type=int, default=8, help="Published requests to rank, across sectors."
        )
        parser.add_argument(
            "--repeat", type=int, default=3, help="Timings per request; the median is kept."
        )

    def handle(self, *args, vendors: int, requests: int, repeat: int, verbosity: int, **options):
        if vendors < 0 or requests < 1 or repeat < 1:
            raise CommandError("--vendors takes 0 or more; --requests and --repeat 1 or more.")
        self.seed(vendors=vendors, requests=requests, verbosity=verbosity)
        picked = requests_across_sectors(requests)
        if not picked:
            raise CommandError("No published request to rank for.")
        # DEBUG (on by default in local settings) makes Django log every query, and for SQLite
        # quote every parameter of the long `IN` lists again: production never pays for that.
        with override_settings(DEBUG=False):
            self.build_snapshot()
            rows = [self.time_request(request_id, repeat=repeat) for request_id in picked]
        self.print_table(rows)
        select_s = statistics.fmean(row["select_s"] for row in rows)
        rank_s = statistics.fmean(row["rank_s"] for row in rows)
        snapshot_s = statistics.fmean(row["snapshot_s"] for row in rows)
        self.stdout.write(
            f"vendors={Vendor.objects.count()} select_s={select_s:.4f} rank_s={rank_s:.4f} "
            f"ratio={rank_s / select_s:.3f} snapshot_s={snapshot_s:.4f} "
            f"snapshot_ratio={snapshot_s / select_s:.3f}"
        )

    def build_snapshot(self) -> None:
        """Build the table as a worker does on its first ranking, and say what it costs."""
        snapshot.snapshots_forget()
        rss_before = _rss_bytes()
        started = time.perf_counter()
        table = snapshot.vendor_table()
        built_s = time.perf_counter() - started
        self.stdout.write(
            f"snapshot: {len(table)} approved vendors built in {built_s:.2f} s; columns "
            f"{table.nbytes / 2**20:.1f} MiB, process grew {(_rss_bytes() - rss_before) / 2**20:.1f} "
            f"MiB (to {_rss_bytes() / 2**20:.0f} MiB)"
        )

    def seed(self, *, vendors: int, requests: int, verbosity: int) -> None:
        """Top the demo data up to `vendors` vendors and enough published requests, if needed."""
        demo_vendors = Vendor.objects.filter(slug__startswith="demo-vendor-").count()
        published = OutsourcingRequest.objects.filter(
            status=OutsourcingRequest.Status.PUBLISHED
        ).count()
        if demo_vendors >= vendors and published >= requests:
            return
        output = io.StringIO()
        call_command(
            "seed_demo",
            vendors=vendors,
            requests=max(MIN_SEEDED_REQUESTS, 2 * requests),
            no_matching=True,
            verbosity=verbosity,
            stdout=output,
        )
        self.stdout.write(output.getvalue().splitlines()[0])  # "Demo data: created …"
        refresh_statistics()

    def time_request(self, request_id: int, *, repeat: int) -> dict:
        on = timezone.localdate()

        def fresh_request() -> OutsourcingRequest:
            # As the task gets it: the sector and skills are read during the ranking.
            return OutsourcingRequest.objects.get(pk=request_id)

        request = fresh_request()
        profile = loading.request_profile(request, on=on, lexicon=loading.skill_lexicon())
        # Warm-up: the first pass pays for cold pages and caches, not for the ranking.
        loading.fetch_candidate_rows(profile)
        from_database = match_request_rank(request=fresh_request(), on=on, from_snapshot=False)
        if match_request_rank(request=fresh_request(), on=on, from_snapshot=True) != from_database:
            raise CommandError(f"Request {request_id}: the snapshot ranks unlike the database.")
        times = defaultdict(list)
        for _ in range(repeat):
            started = time.perf_counter()
            candidates = len(loading.fetch_candidate_rows(profile))
            times["select_s"].append(time.perf_counter() - started)
            for name, from_snapshot in (("rank_s", False), ("snapshot_s", True)):
                request = fresh_request()
                started = time.perf_counter()
                match_request_rank(request=request, on=on, from_snapshot=from_snapshot)
                times[name].append(time.perf_counter() - started)
        return {
            "request": request_id,
            "sector": profile.sector,
            "candidates": candidates,
            **{name: statistics.median(values) for name, values in times.items()},
        }

    def print_table(self, rows: list[dict]) -> None:
        self.stdout.write(
            f"{'request':>8}  {'sector':<22}{'candidates':>11}{'select_s':>10}{'rank_s':>10}"
            f"{'ratio':>8}{'snapshot_s':>12}{'ratio':>8}"
        )
        for row in rows:
            self.stdout.write(
                f"{row['request']:>8}  {row['sector']:<22}{row['candidates']:>11}"
                f"{row['select_s']:>10.4f}{row['rank_s']:>10.4f}"
                f"{row['rank_s'] / row['select_s']:>8.2f}"
                f"{row['snapshot_s']:>12.4f}{row['snapshot_s'] / row['select_s']:>8.2f}"
            )


def refresh_statistics() -> None:
    """Bring the planner's statistics up to date after a bulk load, as autovacuum would before
    long. On PostgreSQL also VACUUM (outside a transaction, where it is allowed): until the
    visibility map is set, the covering index cannot serve an index-only scan."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def requests_across_sectors(count: int) -> list[int]:
    """Ids of `count` published requests, taking each sector's (by slug) lowest id in turn,
    then each one's second lowest, and so on: the same picks for the same data."""
    by_sector = defaultdict(list)
    for request_id, sector in (
        OutsourcingRequest.objects.filter(status=OutsourcingRequest.Status.PUBLISHED)
        .order_by("sector__slug", "id")
        .values_list("id", "sector__slug")
    ):
        by_sector[sector].append(request_id)
    rounds = zip_longest(*by_sector.values())
    picked = [request_id for round_ in rounds for request_id in round_ if request_id is not None]
    return picked[:count]


def _rss_bytes() -> int:
    """This process's resident memory now (Linux), or its peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

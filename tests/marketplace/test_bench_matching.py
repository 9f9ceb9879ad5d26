"""`manage.py bench_matching`: seeds only what is missing and ends with the documented line.
Nothing here asserts a duration: timings depend on the machine."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from marketplace.management.commands.bench_matching import requests_across_sectors
from marketplace.models import OutsourcingRequest, Vendor

pytestmark = pytest.mark.django_db

LAST_LINE = re.compile(
    r"^vendors=\d+ select_s=[\d.]+ rank_s=[\d.]+ ratio=[\d.]+ snapshot_s=[\d.]+ "
    r"snapshot_ratio=[\d.]+$"
)
TABLE_ROW = re.compile(r"^\s*\d+\s+[a-z-]+\s+\d+\s")  # request, sector, candidates, …


def bench(**options) -> list[str]:
    out = io.StringIO()
    call_command("bench_matching", stdout=out, verbosity=0, **options)
    return out.getvalue().splitlines()


def test_it_ends_with_the_bench_line_counting_the_vendors_in_the_database():
    lines = bench(vendors=30, requests=3, repeat=1)

    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert lines[-1].startswith(f"vendors={Vendor.objects.count()} ")


def test_it_seeds_the_vendors_and_published_requests_it_needs():
    bench(vendors=30, requests=3, repeat=1)

    assert Vendor.objects.filter(slug__startswith="demo-vendor-").count() == 30
    published = OutsourcingRequest.objects.filter(status=OutsourcingRequest.Status.PUBLISHED)
    assert published.values("sector").distinct().count() > 3


def test_a_second_run_creates_no_vendors():
    bench(vendors=30, requests=3, repeat=1)
    vendors = Vendor.objects.count()
    requests = OutsourcingRequest.objects.count()

    lines = bench(vendors=30, requests=3, repeat=1)

    assert Vendor.objects.count() == vendors
    assert OutsourcingRequest.objects.count() == requests
    assert not any(line.startswith("Demo data:") for line in lines)
    assert LAST_LINE.match(lines[-1])


def test_a_larger_n_tops_the_vendors_up():
    bench(vendors=20, requests=3, repeat=1)

    lines = bench(vendors=30, requests=3, repeat=1)

    assert "created 10 vendors" in lines[0]
    assert Vendor.objects.filter(slug__startswith="demo-vendor-").count() == 30


def test_it_prints_a_row_per_request_spread_over_sectors():
    lines = bench(vendors=30, requests=4, repeat=2)

    rows = [line for line in lines if TABLE_ROW.match(line)]
    assert len(rows) == 4
    sectors = {row.split()[1] for row in rows}
    assert len(sectors) == 4


def test_the_requests_are_picked_one_sector_at_a_time_and_the_same_each_time():
    bench(vendors=30, requests=1, repeat=1)

    picked = requests_across_sectors(13)

    assert picked == requests_across_sectors(13)
    requests = OutsourcingRequest.objects.in_bulk(picked)
    assert len({requests[pk].sector_id for pk in picked}) == 13
    assert all(requests[pk].status == OutsourcingRequest.Status.PUBLISHED for pk in picked)


def test_it_refuses_a_request_count_below_one():
    with pytest.raises(CommandError):
        bench(vendors=0, requests=0)

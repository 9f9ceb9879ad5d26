"""`manage.py bench_endpoints` measures against PostgreSQL only: on SQLite gunicorn's workers
would share one file, and the figures would say nothing of production. (A run starts gunicorn
and seeds 10,000 vendors: it is exercised by hand, README "Measuring pages and endpoints".)"""

import pytest
from django.core.management import CommandError, call_command

from marketplace.management.commands import bench_endpoints
from marketplace.models import Vendor

pytestmark = pytest.mark.django_db


class SQLite:
    vendor = "sqlite"


def test_it_refuses_to_measure_on_sqlite_before_seeding_anything(monkeypatch):
    monkeypatch.setattr(bench_endpoints, "connection", SQLite())

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_endpoints", vendors=30)
    assert not Vendor.objects.exists()

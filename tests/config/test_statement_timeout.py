"""PostgreSQL cancels any statement running longer than DATABASE_STATEMENT_TIMEOUT_MS
(config/settings/base.py), and the API answers such a cancellation with a 503 and a message.

The settings tests run everywhere; the others need PostgreSQL: they fail under CI=true
without it and skip elsewhere."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from psycopg.errors import QueryCanceled

from marketplace.api import views
from marketplace.models import Vendor

from ..services import require
from ..test_settings import loaded

POSTGRES = "postgres://norte@db.example:5432/norte"


def test_postgresql_connections_get_a_five_second_statement_timeout_by_default():
    options = loaded("config.settings.local", DATABASE_URL=POSTGRES)["db_options"]

    assert options == {"options": "-c statement_timeout=5000"}


def test_the_statement_timeout_comes_from_the_environment():
    options = loaded(
        "config.settings.local", DATABASE_URL=POSTGRES, DATABASE_STATEMENT_TIMEOUT_MS="250"
    )["db_options"]

    assert options == {"options": "-c statement_timeout=250"}


def test_sqlite_gets_no_postgresql_options():
    assert loaded("config.settings.local", DATABASE_URL="sqlite:///:memory:")["db_options"] == {}


@pytest.fixture
def postgresql(db):
    require(connection.vendor == "postgresql", "needs DATABASE_URL pointing at PostgreSQL")


def sleeping_vendors(seconds: float):
    """Vendors, found by a statement that takes at least `seconds`."""
    return Vendor.objects.filter(
        RawSQL("(SELECT true FROM pg_sleep(%s))", [seconds], output_field=BooleanField())
    )


@pytest.mark.services
def test_the_connection_has_the_configured_timeout(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")
        assert cursor.fetchone() == (str(settings.DATABASE_STATEMENT_TIMEOUT_MS),)


@pytest.mark.services
def test_a_statement_longer_than_the_timeout_is_cancelled(postgresql):
    # The test lowers the timeout for its own transaction so that it need not sleep 5 s.
    with pytest.raises(OperationalError) as cancelled, transaction.atomic():
        connection.cursor().execute("SET LOCAL statement_timeout = 100")
        sleeping_vendors(1).count()
    assert isinstance(cancelled.value.__cause__, QueryCanceled)


@pytest.mark.services
def test_the_api_answers_a_cancelled_query_with_a_503(postgresql, api, monkeypatch):
    monkeypatch.setattr(views, "vendor_list_visible", lambda *, user: sleeping_vendors(1))
    connection.cursor().execute("SET LOCAL statement_timeout = 100")

    response = api().get("/api/v1/vendors/")

    assert response.status_code == 503
    assert response.json() == {
        "detail": "This took the database too long to answer. Narrow it down and try again."
    }

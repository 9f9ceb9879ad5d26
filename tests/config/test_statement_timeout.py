"""In web processes PostgreSQL cancels any statement running longer than
DATABASE_STATEMENT_TIMEOUT_MS (config/db.py), and the API answers such a cancellation with a 503
and a message. Commands and workers are not limited.

These need PostgreSQL: they fail under CI=true without it and skip elsewhere."""

import os

import pytest
from django.db import OperationalError, connection, transaction
from django.db.backends.signals import connection_created
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from psycopg.errors import QueryCanceled

from config.db import statement_timeout_set
from marketplace.api import views
from marketplace.models import Vendor

from ..errors import error
from ..services import require
from ..test_settings import run_with

SHOW_TIMEOUT = """
import django
{entry}
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
"""


def timeout_in_a_new_process(*, web: bool, **variables: str) -> str:
    """`SHOW statement_timeout` from a fresh process started as the web server starts (through
    config/wsgi.py) or as a command or worker does (django.setup())."""
    entry = "import config.wsgi" if web else "django.setup()"
    result = run_with(
        "config.settings.local",
        "-c",
        SHOW_TIMEOUT.format(entry=entry),
        DATABASE_URL=os.environ["DATABASE_URL"],
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def postgresql(db):
    require(connection.vendor == "postgresql", "needs DATABASE_URL pointing at PostgreSQL")


def sleeping_vendors(seconds: float):
    """Vendors, found by a statement that takes at least `seconds`."""
    return Vendor.objects.filter(
        RawSQL("(SELECT true FROM pg_sleep(%s))", [seconds], output_field=BooleanField())
    )


@pytest.mark.services
def test_web_processes_get_a_five_second_statement_timeout(postgresql):
    assert timeout_in_a_new_process(web=True) == "5s"


@pytest.mark.services
def test_the_statement_timeout_comes_from_the_environment(postgresql):
    assert timeout_in_a_new_process(web=True, DATABASE_STATEMENT_TIMEOUT_MS="250") == "250ms"


@pytest.mark.services
def test_commands_and_workers_are_not_limited(postgresql):
    # A migration or a DROP DATABASE cancelled half-way is worse than a slow one.
    assert timeout_in_a_new_process(web=False) == "0"


def test_the_test_session_itself_is_not_limited():
    # A test module importing config.wsgi would put the whole session under the web timeout:
    # a DROP DATABASE cancelled on a loaded CI machine left an invalid database behind.
    dispatch_uids = [lookup_key[0] for lookup_key, _receiver in connection_created.receivers]

    assert "norte-statement-timeout" not in dispatch_uids


@pytest.mark.services
def test_the_receiver_sets_the_configured_timeout_on_a_connection(postgresql, settings):
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 1234
    statement_timeout_set(sender=None, connection=connection)

    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")
        assert cursor.fetchone() == ("1234",)


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
    assert error(response) == {
        "type": "unavailable",
        "code": "timeout",
        "message": "This took the database too long to answer. Narrow it down and try again.",
    }

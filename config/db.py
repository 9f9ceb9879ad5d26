"""PostgreSQL's statement timeout, for the processes that answer HTTP requests.

A query that runs away must not hold a web worker until gunicorn kills it: PostgreSQL cancels
any statement of a web process that runs past DATABASE_STATEMENT_TIMEOUT_MS, and the API answers
503 (config/api.py). Only the web entry points (config/wsgi.py, config/asgi.py; `runserver`
loads the WSGI one too) turn it on. Celery workers have their own task time limits, and
migrations, `evaluate_matching` or a test run create and drop databases and build indexes, which
may rightly take longer: a cancelled DROP DATABASE leaves a database PostgreSQL calls invalid.
"""

from django.conf import settings
from django.db.backends.signals import connection_created


def statement_timeout_set(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the session's timeout, on PostgreSQL, when one is set."""
    timeout = int(settings.DATABASE_STATEMENT_TIMEOUT_MS)
    if connection.vendor == "postgresql" and timeout:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {timeout}")


def limit_statement_time() -> None:
    """Give every database connection this process opens from now on the statement timeout."""
    connection_created.connect(statement_timeout_set, dispatch_uid="norte-statement-timeout")

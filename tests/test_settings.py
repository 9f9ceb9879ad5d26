"""Settings come from the environment; production refuses to start without its secrets."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "hosts": settings.ALLOWED_HOSTS,
    "email": settings.EMAIL_BACKEND,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "conn_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "reference_views": settings.REFERENCE_VIEWS,
}))
"""

MACHINE_VARIABLES = (
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_STATEMENT_TIMEOUT_MS",
    "EVENTS_FEED_DELAY",
    "WEB_TIMEOUT",
    "CELERY_TASK_TIME_LIMIT",
    "CONN_MAX_AGE",
    "CONN_HEALTH_CHECKS",
    "NORTE_REFERENCE_VIEWS",
)

# Everything production needs, with values that need no running service to load.
PRODUCTION = {
    "DJANGO_SECRET_KEY": "norte-settings-test-" + "k3y-0f-fifty-characters-or-more-x9q2",
    "DJANGO_ALLOWED_HOSTS": "norte.example",
    "DATABASE_URL": "postgres://norte@db.internal:5432/norte",
    "REDIS_URL": "redis://cache.internal:6379/1",
    "CELERY_BROKER_URL": "redis://cache.internal:6379/2",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SITE_URL": "https://norte.example",
}


def without(*names: str) -> dict:
    return {k: v for k, v in PRODUCTION.items() if k not in names}


def run_with(
    settings_module: str | None, *command: str, **variables: str
) -> subprocess.CompletedProcess:
    """Run `command` (by default: print the settings) in a fresh interpreter with only the
    given machine variables set; `settings_module=None` leaves DJANGO_SETTINGS_MODULE unset."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in MACHINE_VARIABLES and not k.startswith("DJANGO_")
    }
    env.update(variables)
    if settings_module is not None:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(  # noqa: S603
        [sys.executable, *(command or ("-c", PRINT_SETTINGS))],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(settings_module: str, **variables: str) -> dict:
    result = run_with(settings_module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "variable",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        # Without them base.py would fall back to SQLite, a per-process cache, tasks run inside
        # the web process and mail written to the log.
        "DATABASE_URL",
        "REDIS_URL",
        "CELERY_BROKER_URL",
        "DJANGO_EMAIL_BACKEND",
        # Emails' links would point at the development address.
        "SITE_URL",
    ],
)
def test_production_refuses_to_start_without(variable):
    result = run_with("config.settings.production", **without(variable))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_production_refuses_an_empty_broker_url_which_would_run_tasks_eagerly():
    result = run_with("config.settings.production", **{**PRODUCTION, "CELERY_BROKER_URL": ""})

    assert result.returncode != 0
    assert "CELERY_BROKER_URL" in result.stderr


@pytest.mark.parametrize("backend", ["console", "filebased", "locmem", "dummy"])
def test_production_refuses_an_email_backend_that_delivers_nothing(backend):
    path = f"django.core.mail.backends.{backend}.EmailBackend"

    result = run_with("config.settings.production", **{**PRODUCTION, "DJANGO_EMAIL_BACKEND": path})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: DJANGO_EMAIL_BACKEND={path} does not deliver mail" in (
        result.stderr
    )


def test_production_refuses_a_site_url_that_is_not_https():
    result = run_with(
        "config.settings.production", **{**PRODUCTION, "SITE_URL": "http://norte.example"}
    )

    assert result.returncode != 0
    assert "SITE_URL=http://norte.example must be the site's https:// address" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    settings = loaded(
        "config.settings.production",
        **{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": "norte.example,www.norte.example"},
    )

    assert settings["debug"] is False
    assert settings["hosts"] == ["norte.example", "www.norte.example"]
    assert settings["db_engine"] == "django.db.backends.postgresql"
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["eager"] is False
    assert settings["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_keeps_database_connections_open_and_checks_them_before_reuse():
    settings = loaded("config.settings.production", **PRODUCTION)

    assert settings["conn_max_age"] == 60
    assert settings["conn_health_checks"] is True


def test_production_takes_the_connections_lifetime_from_the_environment():
    settings = loaded(
        "config.settings.production",
        **{**PRODUCTION, "CONN_MAX_AGE": "300", "CONN_HEALTH_CHECKS": "false"},
    )

    assert settings["conn_max_age"] == 300
    assert settings["conn_health_checks"] is False


def test_production_serves_no_reference_views_unless_asked():
    assert loaded("config.settings.production", **PRODUCTION)["reference_views"] is False
    asked = loaded("config.settings.production", **{**PRODUCTION, "NORTE_REFERENCE_VIEWS": "true"})
    assert asked["reference_views"] is True


def test_production_passes_the_deployment_checks():
    result = run_with(
        "config.settings.production",
        "manage.py",
        *("check", "--deploy", "--fail-level", "WARNING"),
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_a_year_of_hsts_for_subdomains_with_preload():
    hsts = run_with(
        "config.settings.production",
        "-c",
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD)",
        **PRODUCTION,
    )

    assert hsts.stdout.split() == ["31536000", "True", "True"]


def test_a_celery_worker_without_settings_runs_the_production_ones():
    """Like wsgi/asgi: never the local settings (debug on) by accident."""
    show = (
        "from config.celery_app import app; import os; "
        "print(os.environ['DJANGO_SETTINGS_MODULE'], app.conf.task_always_eager)"
    )

    unconfigured = run_with(None, "-c", show)
    configured = run_with(None, "-c", show, **PRODUCTION)

    assert unconfigured.returncode != 0
    assert "DJANGO_SECRET_KEY" in unconfigured.stderr
    assert configured.stdout.split() == ["config.settings.production", "False"], configured.stderr


PRINT_FEED_DELAY = """
import django
from django.conf import settings
django.setup()
print(settings.EVENTS_FEED_DELAY)
"""


def test_the_events_feed_waits_longer_than_the_longest_transaction_that_writes_events():
    # A web request (an @idempotent API view is one transaction) is killed after WEB_TIMEOUT
    # (30 s), a Celery task (a matching run records its alerts) after CELERY_TASK_TIME_LIMIT.
    default = run_with("config.settings.local", "-c", PRINT_FEED_DELAY)
    longer_tasks = run_with(
        "config.settings.local", "-c", PRINT_FEED_DELAY, CELERY_TASK_TIME_LIMIT="600"
    )

    assert default.stdout.split() == ["150"], default.stderr
    assert longer_tasks.stdout.split() == ["630"], longer_tasks.stderr


@pytest.mark.parametrize(
    "variables",
    [{"EVENTS_FEED_DELAY": "10"}, {"EVENTS_FEED_DELAY": "150", "WEB_TIMEOUT": "150"}],
)
def test_settings_refuse_a_feed_delay_a_transaction_could_outlast(variables):
    refused = run_with("config.settings.local", "-c", PRINT_FEED_DELAY, **variables)

    assert refused.returncode != 0
    assert "EVENTS_FEED_DELAY" in refused.stderr
    assert "could skip an event" in refused.stderr


def test_local_defaults_need_no_services():
    settings = loaded("config.settings.local")

    assert settings["debug"] is True
    assert settings["db_engine"] == "django.db.backends.sqlite3"
    assert settings["db_name"].endswith("db.sqlite3")
    assert settings["cache"].endswith("LocMemCache")
    assert settings["eager"] is True
    # A connection per request, as Django does by default; no reference views.
    assert settings["conn_max_age"] == 0
    assert settings["conn_health_checks"] is False
    assert settings["reference_views"] is False


def test_environment_switches_to_postgresql_redis_and_a_real_broker():
    settings = loaded(
        "config.settings.local",
        DATABASE_URL="postgres://norte@db.internal:5432/norte",
        REDIS_URL="redis://cache.internal:6379/1",
        CELERY_BROKER_URL="redis://cache.internal:6379/2",
        DJANGO_DEBUG="false",
        CONN_MAX_AGE="60",
        CONN_HEALTH_CHECKS="true",
    )

    assert settings["db_engine"] == "django.db.backends.postgresql"
    assert settings["db_name"] == "norte"
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["eager"] is False
    assert settings["broker"] == "redis://cache.internal:6379/2"
    assert settings["debug"] is False
    assert settings["conn_max_age"] == 60
    assert settings["conn_health_checks"] is True


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.test"])
def test_settings_modules_import_cleanly(module):
    assert run_with(module).returncode == 0

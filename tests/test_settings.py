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
}))
"""

MACHINE_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
)


def run_with(settings_module: str, **variables: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with only the given machine variables set."""
    env = {k: v for k, v in os.environ.items() if k not in MACHINE_VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
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


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with("config.settings.production", DJANGO_ALLOWED_HOSTS="norte.example")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with("config.settings.production", DJANGO_SECRET_KEY="s" * 50)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    settings = loaded(
        "config.settings.production",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="norte.example,www.norte.example",
    )

    assert settings["debug"] is False
    assert settings["hosts"] == ["norte.example", "www.norte.example"]


def test_local_defaults_need_no_services():
    settings = loaded("config.settings.local")

    assert settings["debug"] is True
    assert settings["db_engine"] == "django.db.backends.sqlite3"
    assert settings["db_name"].endswith("db.sqlite3")
    assert settings["cache"].endswith("LocMemCache")
    assert settings["eager"] is True


def test_environment_switches_to_postgresql_redis_and_a_real_broker():
    settings = loaded(
        "config.settings.local",
        DATABASE_URL="postgres://norte@db.internal:5432/norte",
        REDIS_URL="redis://cache.internal:6379/1",
        CELERY_BROKER_URL="redis://cache.internal:6379/2",
        DJANGO_DEBUG="false",
    )

    assert settings["db_engine"] == "django.db.backends.postgresql"
    assert settings["db_name"] == "norte"
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["eager"] is False
    assert settings["broker"] == "redis://cache.internal:6379/2"
    assert settings["debug"] is False


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.test"])
def test_settings_modules_import_cleanly(module):
    assert run_with(module).returncode == 0

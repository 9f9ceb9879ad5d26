"""Test run (`make test`). DATABASE_URL / REDIS_URL from the environment pick real services (CI)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "norte-tests-only"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Most tests run tasks in-process; the worker tests start their own Celery worker subprocess.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Under CI the real services are mandatory: tests that need them fail instead of skipping.
CI = env.bool("CI", default=False)
LANGUAGE_CODE = "en"  # assertions read English messages; translations have their own tests
# Serve static files through the finders: no collectstatic before tests (live-server tests too).
WHITENOISE_AUTOREFRESH = True

# A receiver on this machine (marketplace/webhooks/urls_check.py).
WEBHOOKS_ALLOW_LOOPBACK = True

# `pytest -n` (pytest-xdist, as `make test` runs it): the processes share REDIS_URL's database,
# so each keeps its keys under its own prefix and clears only those (tests/cache.py). The
# database is one per process already (pytest-django adds the worker id to its name).
_xdist_worker = env("PYTEST_XDIST_WORKER", default="")
if _xdist_worker and CACHES["default"]["BACKEND"].endswith(".RedisCache"):  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.cache.WorkerRedisCache"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"norte-tests-{_xdist_worker}"  # noqa: F405

# A test database is thrown away: its commits need not wait for the disk. Every transactional
# test (browser, workers, races) ends with a TRUNCATE of every table, whose commit waited on a
# sync on the busy CI machine. Per session, so the server's other databases keep their setting.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

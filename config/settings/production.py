"""Production: every secret and service must come from the environment; a missing one stops
start-up instead of falling back to a development default (SQLite, tasks run inside the web
process, mail written to the log)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REST_FRAMEWORK, STORAGES, env


def required(name: str) -> str:
    """The variable's value; start-up stops if it is missing or empty."""
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (production settings).")
    return value


# No default: a server can never run with the development key.
SECRET_KEY = required("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# base.py builds DATABASES, the cache and the broker from these same variables; without them it
# would quietly use SQLite, a per-process cache (each gunicorn worker its own throttle counters)
# and eager tasks.
required("DATABASE_URL")
required("REDIS_URL")
required("CELERY_BROKER_URL")

# Each worker keeps its PostgreSQL connection for a minute (checked before reuse) instead of
# opening one per request (config/settings/base.py).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)

# Reset and invitation links are secrets: never let them reach the console or a file.
EMAIL_BACKEND = required("DJANGO_EMAIL_BACKEND")
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
if EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_EMAIL_BACKEND={EMAIL_BACKEND} does not deliver mail (production settings); "
        "use django.core.mail.backends.smtp.EmailBackend or a provider's backend."
    )
# Emails link to the site from outside it: the public address, over https.
SITE_URL = required("SITE_URL")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL} must be the site's https:// address.")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)

# Behind the TLS-terminating proxy that sets X-Forwarded-Proto (below), which also appends the
# client's address to X-Forwarded-For: throttles and lockouts must see that address, not the
# proxy's, or every client would share one counter.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("DJANGO_NUM_PROXIES", default=1)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year, for every subdomain, and eligible for the browsers' preload list (see the README:
# sending `preload` does not submit the domain, it lets its owner do so).
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

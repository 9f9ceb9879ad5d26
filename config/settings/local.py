"""Developer machine: `make run`. Debug on unless DJANGO_DEBUG says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# A receiver on this machine (marketplace/webhooks/urls_check.py).
WEBHOOKS_ALLOW_LOOPBACK = True

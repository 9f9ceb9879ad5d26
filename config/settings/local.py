"""Developer machine: `make run`. Debug on unless DJANGO_DEBUG says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

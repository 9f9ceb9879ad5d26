"""Keeping the insights' cache current."""

import time

from django.core.cache import cache

from .selectors import GENERATION_KEY


def insights_refresh() -> None:
    """Start a new generation of cached figures: every summary is computed again when next
    read (the old generation's entries expire on their own). The generation is the time in
    nanoseconds, not a counter: after the cache lost it, a counter starting again could
    name an old generation whose entries are still there."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)

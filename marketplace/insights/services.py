"""Keeping the insights' cache current."""

from django.core.cache import cache

from .selectors import GENERATION_KEY


def insights_refresh() -> None:
    """Start a new generation of cached figures: every summary is computed again when next
    read (the old generation's entries expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: any value but the old one will do
        cache.set(GENERATION_KEY, 2, timeout=None)

"""Domain errors raised by services and understood by both the API and the web UI."""


class Conflict(Exception):
    """The action clashes with the current state (already published, already a member…)."""

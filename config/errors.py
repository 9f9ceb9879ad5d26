"""Domain errors raised by services and understood by both the API and the web UI.

Each carries a `code`: a stable English identifier the API answers with (`error.code`, listed
in the README), so a program can tell one refusal from another without reading the message.
The web UI shows the message and ignores the code.
"""

from django.core import exceptions


class Conflict(Exception):
    """The action clashes with the current state (already published, already a member…)."""

    def __init__(self, message: str, *, code: str = "conflict"):
        super().__init__(message)
        self.code = code


class PermissionDenied(exceptions.PermissionDenied):
    """Django's PermissionDenied (a 403 on either face), with a code for the cases where the
    reason is worth a program's attention (`already_in_organisation`)."""

    def __init__(self, message: str, *, code: str = "permission_denied"):
        super().__init__(message)
        self.code = code

"""How an API view honours `Idempotency-Key`: the `idempotent` decorator on its POST handler.

Every POST that creates or transitions something carries it (tests/config/idempotency/
test_every_post.py walks the URL configuration and fails on one that does not); the token and
logout endpoints do not, as their answers hold or end credentials, which are never stored.

The decorator wraps the handler, which DRF calls after authentication, permissions and
throttles: a replay is checked and counted like any other request. Checks on the object
itself (`get_object`) run inside the handler, so a replay answers what the first request was
answered, to the same user, within the key's lifetime.
"""

import re
from functools import wraps

from rest_framework import mixins

from .errors import IdempotencyKeyInvalid
from .services import idempotency_key_use, request_fingerprint

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
# Visible ASCII, no spaces: what survives every proxy unchanged. A UUID is the usual choice.
KEY_PATTERN = re.compile(rf"[!-~]{{1,{MAX_KEY_LENGTH}}}")


def idempotent(handler):
    """Honour `Idempotency-Key` on a view's POST handler (a viewset action or `post`): put it
    directly on the function, under `@action`. Other methods of the handler, and a POST
    without the header, run as they are. The view must require a signed-in user: keys are
    each user's own."""

    @wraps(handler)
    def handle_with_key(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST":
            return handler(view, request, *args, **kwargs)
        if not KEY_PATTERN.fullmatch(key):
            raise IdempotencyKeyInvalid
        path = request.get_full_path()
        return idempotency_key_use(
            user=request.user,
            key=key,
            method=request.method,
            path=path,
            fingerprint=request_fingerprint(method=request.method, path=path, data=request.data),
            respond=lambda: handler(view, request, *args, **kwargs),
        )

    handle_with_key.honours_idempotency_key = True
    return handle_with_key


def honours_idempotency_key(*, view, method: str) -> bool:
    """Whether `view` (an instance, as DRF and the schema generator make them) honours the
    header on `method`."""
    if method.upper() != "POST":
        return False
    handler = getattr(view, getattr(view, "action", None) or method.lower(), None)
    return getattr(handler, "honours_idempotency_key", False)


class IdempotentCreateModelMixin(mixins.CreateModelMixin):
    """DRF's `create`, honouring `Idempotency-Key`."""

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

"""The `Norte-Signature` header: pure functions, no Django, so a receiver can copy them.

`Norte-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is
inside what is signed, so an old delivery cannot be replayed with a fresh `t`; receivers refuse
one older than `TOLERANCE_SECONDS` (README: "Webhooks").
"""

import hashlib
import hmac
import time

HEADER = "Norte-Signature"
TOLERANCE_SECONDS = 5 * 60


def _digest(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, body: bytes, timestamp: int) -> str:
    """The header's value for `body` sent at `timestamp` (unix seconds)."""
    return f"t={timestamp},v1={_digest(secret=secret, timestamp=timestamp, body=body)}"


def signature_verify(
    *,
    secret: str,
    body: bytes,
    header: str,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """Whether `header` signs `body` with `secret` no more than `tolerance` seconds from `now`.

    Any `v1` in the header may match (several are sent while a secret is being rolled, should
    that come); the comparison takes the same time whatever the digest."""
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _sep, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = _digest(secret=secret, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, signature) for signature in signatures)

"""What tests marked `services` share: they need the real PostgreSQL/Redis."""

import pytest
from django.conf import settings


def require(ok: bool, reason: str) -> None:
    """A missing service fails the test under CI=true and skips it elsewhere."""
    if ok:
        return
    if settings.CI:
        pytest.fail(f"CI=true needs the real services: {reason}")
    pytest.skip(reason)

"""The refusals of a request's `Idempotency-Key`, as DRF errors with stable codes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException


class IdempotencyKeyInvalid(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _(
        "An Idempotency-Key is 1 to 255 visible ASCII characters (letters, digits, punctuation)."
    )
    default_code = "idempotency_key_invalid"


class IdempotencyKeyInUse(APIException):
    """The first request with the key is still being processed: the answer is not known yet."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "A request with this Idempotency-Key is still being processed. Try again in a moment."
    )
    default_code = "idempotency_key_in_use"


class IdempotencyKeyReused(APIException):
    """The key already answered another request (another body, method or address)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was already used for a different request. "
        "Send a new key with each new request."
    )
    default_code = "idempotency_key_reused"

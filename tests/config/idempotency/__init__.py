"""What the idempotency tests share."""

KEY = "2f1c9a52-4a7e-4d8e-9a55-6f0c1d2e3b4a"


def key_header(key: str = KEY) -> dict:
    """The test client's `headers=` for a request sent with `key`."""
    return {"Idempotency-Key": key}


def refused_with(response, error) -> bool:
    """Whether `response` is `error` (an APIException class): its status, and its code in the
    error envelope."""
    return (
        response.status_code == error.status_code
        and response.json()["error"]["code"] == error.default_code
    )

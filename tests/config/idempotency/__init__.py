"""What the idempotency tests share."""

KEY = "2f1c9a52-4a7e-4d8e-9a55-6f0c1d2e3b4a"


def key_header(key: str = KEY) -> dict:
    """The test client's `headers=` for a request sent with `key`."""
    return {"Idempotency-Key": key}


def refused_with(response, error) -> bool:
    """Whether `response` is `error` (an APIException class): its status, and its code in the
    error envelope — or, in the `{"detail": message}` shape the API answered before the
    envelope, its message."""
    if response.status_code != error.status_code:
        return False
    body = response.json()
    if "error" in body:
        return body["error"]["code"] == error.default_code
    return body == {"detail": str(error.default_detail)}

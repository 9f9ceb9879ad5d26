"""Reading the API's error envelope in tests: `{"error": {"type", "code", "message", "fields"}}`."""


def error(response) -> dict:
    """The envelope's `error`, after checking the body holds nothing else."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


def field_messages(response) -> dict[str, list[str]]:
    """`fields` as path → messages."""
    fields = error(response).get("fields", {})
    return {path: [item["message"] for item in items] for path, items in fields.items()}


def field_codes(response) -> dict[str, list[str]]:
    """`fields` as path → codes."""
    fields = error(response).get("fields", {})
    return {path: [item["code"] for item in items] for path, items in fields.items()}


def refused_fields(response) -> dict[str, list[str]]:
    """A 400's fields (or query parameters) → their messages."""
    assert response.status_code == 400, response.content[:300]
    return field_messages(response)


def assert_throttled(response, *, seconds: int) -> None:
    """A 429 from DRF's throttles: `Retry-After` and the envelope say when to come back."""
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds)
    assert error(response) == {
        "type": "rate_limited",
        "code": "throttled",
        "message": f"Request was throttled. Expected available in {seconds} seconds.",
    }

"""What API tests read from answers, in one place: the shape of a refusal is decided by
config/api.py, and a test asking which fields a 400 names should not restate it."""


def refused_fields(response) -> dict[str, list[str]]:
    """A 400's field (or query parameter) → its messages."""
    assert response.status_code == 400, response.content[:300]
    return {field: [str(m) for m in messages] for field, messages in response.json().items()}

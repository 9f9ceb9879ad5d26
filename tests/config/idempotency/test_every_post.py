"""Every POST of the API that creates or transitions something honours `Idempotency-Key`, found
by walking the URL configuration (a new endpoint cannot forget it unnoticed), and the schema says
so; the token and logout endpoints ignore it, as their answers hold or end credentials."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework.views import APIView

from companies.api.views import LogoutAllView, LogoutView, TokenView
from config.idempotency.errors import IdempotencyKeyInvalid
from config.idempotency.models import IdempotencyKey

from ...factories import api_token
from . import key_header, refused_with

pytestmark = pytest.mark.django_db

# Their answers carry a new token, or end one: never stored, never replayed.
EXEMPT = {TokenView, LogoutView, LogoutAllView}
EXEMPT_PATHS = {"/api/v1/auth/token/", "/api/v1/auth/logout/", "/api/v1/auth/logout-all/"}
MALFORMED = "not a key"


def post_routes(patterns=None, namespace=""):
    """(view class, URL name) of every DRF route answering POST, whatever app it is in."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from post_routes(pattern.url_patterns, inner)
            continue
        view = getattr(pattern.callback, "cls", None)
        if view is None or not issubclass(view, APIView):
            continue
        if "format" in pattern.pattern.regex.groupindex:
            continue  # the same route with a `.json` suffix
        actions = getattr(pattern.callback, "actions", None)
        if (actions is None and hasattr(view, "post")) or (actions and "post" in actions):
            yield view, pattern, f"{namespace}{pattern.name}"


def path_of(pattern, name) -> str:
    return reverse(name, kwargs=dict.fromkeys(pattern.pattern.regex.groupindex, "1"))


ROUTES = [(view, path_of(pattern, name)) for view, pattern, name in post_routes()]
HONOURING = [path for view, path in ROUTES if view not in EXEMPT]


def test_the_walk_finds_the_posts_it_should():
    assert {"/api/v1/requests/", "/api/v1/requests/1/publish/"} <= set(HONOURING)
    assert {path for view, path in ROUTES if view in EXEMPT} == EXEMPT_PATHS


@pytest.mark.parametrize("path", HONOURING)
def test_every_post_that_acts_reads_the_key(api, staff, path):
    # Checked before anything else the handler does: a malformed key is refused whatever the
    # body, and whether or not the object exists.
    response = api(staff).post(path, {}, headers=key_header(MALFORMED))

    assert refused_with(response, IdempotencyKeyInvalid), response.content


@pytest.mark.parametrize("path", sorted(EXEMPT_PATHS))
def test_the_credential_endpoints_ignore_the_key(staff, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(staff)}")

    response = client.post(path, {}, headers=key_header(MALFORMED))

    assert not refused_with(response, IdempotencyKeyInvalid)


def test_a_token_is_never_stored_nor_replayed(staff):
    credentials = {"username": "staff", "password": "correct-horse-battery"}
    first = APIClient().post("/api/v1/auth/token/", credentials, headers=key_header())
    second = APIClient().post("/api/v1/auth/token/", credentials, headers=key_header())

    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]
    assert not IdempotencyKey.objects.exists()


# --- The schema ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def test_the_schema_declares_the_key_on_every_post_that_acts_and_only_there(schema):
    declaring = {
        path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    }
    posts = {path for path, operations in schema["paths"].items() if "post" in operations}

    assert declaring == posts - EXEMPT_PATHS
    assert len(declaring) == len(HONOURING)


def test_the_schema_says_how_a_key_is_refused_and_replayed(schema):
    operation = schema["paths"]["/api/v1/requests/{id}/publish/"]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")

    assert header["in"] == "header"
    assert header["required"] is False
    assert header["schema"]["maxLength"] == 255
    assert {"400", "409", "422"} <= set(operation["responses"])
    assert "Idempotency-Key" in operation["responses"]["409"]["description"]
    assert "Idempotent-Replayed" in operation["responses"]["202"]["headers"]

"""Errors under /api/v1/ are JSON, whoever produces them (DRF, a service, Django's error views,
the middleware), and take their body from config.api.error_body; web pages keep their HTML."""

import json

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from psycopg.errors import QueryCanceled

from config import api as config_api
from marketplace.api.views import CertificationViewSet, SectorViewSet, SkillViewSet
from marketplace.models import OutsourcingRequest
from marketplace.views import directory

from ..factories import OutsourcingRequestFactory


def boom(*args, **kwargs):
    raise RuntimeError("a bug")


def cancelled(*args, **kwargs):
    try:
        raise QueryCanceled("canceling statement due to statement timeout")
    except QueryCanceled as error:
        raise OperationalError(str(error)) from error


@pytest.fixture
def quiet_client():
    """A client that gets the 500 page instead of the exception."""
    return Client(raise_request_exception=False)


def test_an_unknown_route_under_api_is_a_json_404(api, alice):
    for client in (api(), api(alice)):
        response = client.get("/api/v1/no-such-thing/")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


def test_an_unknown_web_page_keeps_the_html_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()


def test_a_body_over_the_upload_limit_is_a_json_413(api, db, settings):
    body = json.dumps({"username": "alice", "password": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})

    response = api().post("/api/v1/auth/token/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than this API accepts."}


def test_a_server_error_under_api_is_a_json_500(quiet_client, db, monkeypatch):
    monkeypatch.setattr(SectorViewSet, "list", boom)

    response = quiet_client.get("/api/v1/sectors/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred."}


def test_a_server_error_on_a_web_page_keeps_the_html_500(quiet_client, db, monkeypatch):
    monkeypatch.setattr(directory, "sector_list_public", boom)

    response = quiet_client.get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_a_statement_the_database_cancelled_is_a_503_with_a_message(api, db, monkeypatch):
    monkeypatch.setattr(SectorViewSet, "list", cancelled)

    response = api().get("/api/v1/sectors/")

    assert response.status_code == 503
    assert response.json() == {
        "detail": "This took the database too long to answer. Narrow it down and try again."
    }


def test_other_database_errors_are_not_called_timeouts(quiet_client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SectorViewSet, "list", broken)

    assert quiet_client.get("/api/v1/sectors/").status_code == 500


def test_every_api_error_body_comes_from_one_helper(
    api, quiet_client, alice, olga, settings, monkeypatch
):
    """Changing the error shape (issue 10's envelope) is a change to `error_body` alone."""

    def envelope(*, code, message):
        return {"error": {"code": code, "message": message}}

    monkeypatch.setattr(config_api, "error_body", envelope)
    monkeypatch.setattr(SkillViewSet, "list", boom)
    monkeypatch.setattr(CertificationViewSet, "list", cancelled)
    published = OutsourcingRequestFactory(
        company=alice.membership.company,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    olgas_draft = OutsourcingRequestFactory(company=olga.membership.company)
    answers = {
        "unknown route": api().get("/api/v1/no-such-thing/"),
        "unknown object": api(alice).get(f"/api/v1/requests/{olgas_draft.pk}/"),
        "not signed in": api().get("/api/v1/requests/"),
        "not allowed": api(alice).post("/api/v1/sectors/", {"slug": "x", "name": "X"}),
        "conflict": api(alice).post(f"/api/v1/requests/{published.pk}/publish/"),
        "nul": api().get("/api/v1/vendors/?q=%00"),
        "parse": api().post("/api/v1/auth/token/", data="{", content_type="application/json"),
        "server error": quiet_client.get("/api/v1/skills/"),
        "timeout": api().get("/api/v1/certifications/"),
    }
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    answers["too large"] = api().post("/api/v1/auth/token/", {"username": "alice-and-more"})

    for name, response in answers.items():
        assert response.status_code >= 400, name
        assert set(response.json()) == {"error"}, name
        assert response.json()["error"]["message"], name

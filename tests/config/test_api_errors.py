"""Every error under /api/v1/ is one JSON envelope, `{"error": {"type", "code", "message",
"fields"}}`, whoever produces it (DRF, a service, Django's error views, the middleware), built
by config.api.error_body; web pages keep their HTML."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from psycopg.errors import QueryCanceled
from rest_framework import exceptions

from companies.models import Company
from config import api as config_api
from config.views import permission_denied
from marketplace.api.views import CertificationViewSet, SectorViewSet, SkillViewSet
from marketplace.models import ExchangeRate, OutsourcingRequest
from marketplace.views import directory

from ..errors import assert_throttled, error, field_codes, field_messages
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


@pytest.fixture
def published(alice):
    return OutsourcingRequestFactory(
        company=alice.membership.company,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
    )


def request_body(**changes):
    body = {
        "title": "Plataforma de apuestas",
        "description": "Casa de apuestas con momios en vivo.",
        "sector": "sports-betting",
        "budget_min": "1000000.00",
        "budget_max": "2000000.00",
        "currency": "MXN",
        "team_size": 5,
        "duration_weeks": 20,
    }
    return {**body, **changes}


# --- The envelope for each kind of error -------------------------------------------------------


def test_an_unknown_route_under_api_is_a_json_404(api, alice):
    for client in (api(), api(alice)):
        response = client.get("/api/v1/no-such-thing/")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert error(response) == {
            "type": "not_found",
            "code": "not_found",
            "message": "Not found.",
        }


def test_an_unknown_web_page_keeps_the_html_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()


def test_a_missing_object_is_a_404_that_names_no_model(api, alice, olga, vera, published):
    olgas_draft = OutsourcingRequestFactory(company=olga.membership.company)
    answers = [
        api(alice).get(f"/api/v1/requests/{olgas_draft.pk}/"),
        api(alice).post(f"/api/v1/requests/{olgas_draft.pk}/publish/"),
        # Vendors read published requests but not their rankings (get_object_or_404).
        api(vera).get(f"/api/v1/requests/{published.pk}/matches/"),
        api(alice).get("/api/v1/companies/999999/"),
    ]

    for response in answers:
        assert response.status_code == 404
        assert error(response) == {
            "type": "not_found",
            "code": "not_found",
            "message": "Not found.",
        }
        assert b"OutsourcingRequest" not in response.content
        assert b"Company" not in response.content


def test_not_signed_in_is_a_401_not_authenticated(api, db):
    response = api().get("/api/v1/requests/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error(response) == {
        "type": "authentication_error",
        "code": "not_authenticated",
        "message": "Authentication credentials were not provided.",
    }


def test_a_wrong_token_is_a_401_authentication_failed(db):
    response = Client().get("/api/v1/sectors/", headers={"Authorization": "Token nope"})

    assert response.status_code == 401
    assert error(response) == {
        "type": "authentication_error",
        "code": "authentication_failed",
        "message": "Invalid token.",
    }


def test_an_action_that_is_not_yours_is_a_403_permission_denied(api, alice):
    response = api(alice).post("/api/v1/sectors/", {"slug": "x", "name": "X"})

    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }


def test_a_method_a_route_does_not_have_is_a_405_with_allow(api, staff):
    response = api(staff).delete("/api/v1/sectors/")

    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}
    assert error(response) == {
        "type": "invalid_request",
        "code": "method_not_allowed",
        "message": 'Method "DELETE" not allowed.',
    }


def test_a_media_type_the_api_cannot_answer_in_is_a_json_406(api, db):
    response = api().get("/api/v1/sectors/", headers={"Accept": "application/xml"})

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert error(response)["type"] == "invalid_request"
    assert error(response)["code"] == "not_acceptable"


def test_a_body_that_is_not_json_is_a_415(api, db):
    response = api().post("/api/v1/auth/token/", data="username=alice", content_type="text/plain")

    assert response.status_code == 415
    assert error(response) == {
        "type": "invalid_request",
        "code": "unsupported_media_type",
        "message": 'Unsupported media type "text/plain" in request.',
    }


def test_malformed_json_is_a_400_parse_error(api, db):
    response = api().post("/api/v1/auth/token/", data="{", content_type="application/json")

    assert response.status_code == 400
    assert error(response)["type"] == "invalid_request"
    assert error(response)["code"] == "parse_error"
    assert error(response)["message"].startswith("JSON parse error")
    assert "fields" not in error(response)


def test_a_clash_with_the_state_is_a_409_with_the_services_code(api, alice, published):
    response = api(alice).post(f"/api/v1/requests/{published.pk}/publish/")

    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "request_already_published",
        "message": "This request is already published.",
    }


def test_a_body_over_the_upload_limit_is_a_json_413(api, db, settings):
    body = json.dumps({"username": "alice", "password": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})

    response = api().post("/api/v1/auth/token/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert error(response) == {
        "type": "invalid_request",
        "code": "request_too_large",
        "message": "The request body is larger than this API accepts.",
    }


def test_too_many_requests_is_a_429_with_retry_after(api, db, rates):
    rates(anon="1/minute")
    api().get("/api/v1/sectors/")

    response = api().get("/api/v1/sectors/")

    assert_throttled(response, seconds=60)


def test_a_server_error_under_api_is_a_json_500(quiet_client, db, monkeypatch):
    monkeypatch.setattr(SectorViewSet, "list", boom)

    response = quiet_client.get("/api/v1/sectors/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert error(response) == {
        "type": "server_error",
        "code": "server_error",
        "message": "A server error occurred.",
    }


def test_a_server_error_on_a_web_page_keeps_the_html_500(quiet_client, db, monkeypatch):
    monkeypatch.setattr(directory, "sector_list_public", boom)

    response = quiet_client.get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_a_statement_the_database_cancelled_is_a_503_with_a_message(api, db, monkeypatch):
    monkeypatch.setattr(SectorViewSet, "list", cancelled)

    response = api().get("/api/v1/sectors/")

    assert response.status_code == 503
    assert error(response) == {
        "type": "unavailable",
        "code": "timeout",
        "message": "This took the database too long to answer. Narrow it down and try again.",
    }


def test_other_database_errors_are_not_called_timeouts(quiet_client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SectorViewSet, "list", broken)

    assert quiet_client.get("/api/v1/sectors/").status_code == 500


def test_a_request_django_refuses_before_any_view_is_a_json_400_under_the_api(db):
    # A Host outside ALLOWED_HOSTS: Django's own 400, before the URL is even resolved.
    response = Client().get("/api/v1/sectors/", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "bad_request",
        "message": "Malformed request.",
    }


def test_a_request_django_refuses_on_a_web_page_keeps_the_html_400(db):
    response = Client().get("/vendors/", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_any_drf_exception_answers_with_its_own_status_and_code(api, db, monkeypatch):
    """What other parts raise (an idempotency key reused with another body…) needs nothing
    more than an APIException subclass to get the envelope."""

    class KeyReused(exceptions.APIException):
        status_code = 422
        default_detail = "This key was used with another body."
        default_code = "idempotency_key_reused"

    def reused(*args, **kwargs):
        raise KeyReused

    monkeypatch.setattr(SectorViewSet, "list", reused)

    response = api().get("/api/v1/sectors/")

    assert response.status_code == 422
    assert error(response) == {
        "type": "invalid_request",
        "code": "idempotency_key_reused",
        "message": "This key was used with another body.",
    }


# --- Validation errors: fields, nesting, non-field errors --------------------------------------


def test_each_invalid_field_has_its_code_and_message(api, alice):
    body = request_body(budget_max="-5", currency="BTC", sector="no-such-sector")
    del body["title"]

    response = api(alice).post("/api/v1/requests/", body)

    assert response.status_code == 400
    assert error(response)["type"] == "invalid_request"
    assert error(response)["code"] == "invalid"
    assert field_codes(response) == {
        "title": ["required"],
        "budget_max": ["min_value"],
        "currency": ["invalid_choice"],
        "sector": ["does_not_exist"],
    }
    assert field_messages(response)["title"] == ["This field is required."]
    # A 400 about fields still says what is wrong at the top.
    assert error(response)["message"] == (
        "Check these fields: title, sector, budget_max, currency."
    )


def test_errors_inside_a_list_of_objects_are_addressed_by_a_dotted_path(api, vera, vendor):
    expertise = [
        {"sector": "igaming", "level": 3},
        {"sector": "sports-betting", "level": 9, "years": -1},
    ]

    response = api(vera).patch(f"/api/v1/vendors/{vendor.pk}/", {"expertise": expertise})

    assert response.status_code == 400
    assert field_codes(response) == {
        "expertise.1.level": ["max_value"],
        "expertise.1.years": ["min_value"],
    }


def test_errors_about_items_of_a_list_name_the_item(api, staff):
    body = {"slug": "quantum", "name": "Quantum", "aliases": ["qubits", ""]}

    response = api(staff).post("/api/v1/skills/", body)

    assert response.status_code == 400
    assert field_codes(response) == {"aliases.1": ["blank"]}


def test_an_error_about_a_whole_list_belongs_to_the_list(api, vera, vendor):
    response = api(vera).patch(f"/api/v1/vendors/{vendor.pk}/", {"expertise": {"level": 3}})

    assert response.status_code == 400
    assert field_codes(response) == {"expertise": ["not_a_list"]}


def test_errors_about_no_one_field_are_the_top_level_code_and_message(api, alice):
    response = api().post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"})

    assert response.status_code == 400
    # DRF's code for a login that fails.
    assert error(response) == {
        "type": "invalid_request",
        "code": "authorization",
        "message": "Unable to log in with provided credentials.",
    }


def test_a_services_validation_keeps_its_codes(api, alice, company):
    ExchangeRate.objects.filter(currency="USD").delete()
    draft = OutsourcingRequestFactory(company=company, currency="USD", speaks_es=False)

    response = api(alice).post(f"/api/v1/requests/{draft.pk}/publish/")

    assert response.status_code == 400
    assert field_codes(response) == {"languages": ["required"], "currency": ["no_exchange_rate"]}


def test_model_validation_keeps_the_codes_of_full_clean(db):
    """Services call `full_clean()`: its codes (a validator's `rfc_checksum`, a field's
    `invalid_choice`, `max_length`) reach the client as they are."""
    company = Company(name="x" * 300, slug="x", rfc="GJA150310K74", state="XYZ", city="Guadalajara")
    with pytest.raises(ValidationError) as raised:
        company.full_clean(validate_unique=False)

    response = config_api.exception_handler(raised.value, {})

    assert response.status_code == 400
    assert {
        path: [item["code"] for item in items]
        for path, items in response.data["error"]["fields"].items()
    } == {"name": ["max_length"], "rfc": ["rfc_checksum"], "state": ["invalid_choice"]}


def test_a_model_error_about_no_one_field_is_the_top_level_message():
    error = ValidationError("Two sectors cannot be the same one.", code="same_sector")

    body = config_api.exception_handler(error, {}).data["error"]

    assert body == {
        "type": "invalid_request",
        "code": "same_sector",
        "message": "Two sectors cannot be the same one.",
    }


# --- Languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "not_found", "required"),
    [
        ("es-MX", "No encontrado.", "Este campo es requerido."),
        ("fr-CA", "Non trouvé.", "Ce champ est obligatoire."),
    ],
)
def test_messages_follow_the_callers_language_and_codes_stay_english(
    api, alice, language, not_found, required
):
    headers = {"Accept-Language": language}
    missing = api(alice).get("/api/v1/requests/999999/", headers=headers)
    invalid = api(alice).post("/api/v1/requests/", {}, headers=headers)

    assert error(missing)["message"] == not_found
    assert error(missing)["code"] == "not_found"
    assert error(missing)["type"] == "not_found"
    assert field_messages(invalid)["title"] == [required]
    assert field_codes(invalid)["title"] == ["required"]
    assert error(invalid)["code"] == "invalid"


def test_the_fields_summary_is_translated(api, alice):
    response = api(alice).post(
        "/api/v1/requests/", request_body(sector=""), headers={"Accept-Language": "es-MX"}
    )

    assert error(response)["message"] == "Revise estos campos: sector."


def test_a_services_conflict_is_translated_and_keeps_its_code(api, alice, published):
    response = api(alice).post(
        f"/api/v1/requests/{published.pk}/publish/", headers={"Accept-Language": "es-MX"}
    )

    assert error(response) == {
        "type": "conflict",
        "code": "request_already_published",
        "message": "Esta solicitud ya está publicada.",
    }


# --- One helper --------------------------------------------------------------------------------


def test_every_api_error_body_comes_from_one_helper(
    api, quiet_client, alice, olga, published, settings, monkeypatch
):
    """Changing the error shape is a change to `error_body` alone."""

    def envelope(**error):
        return {"changed": error}

    monkeypatch.setattr(config_api, "error_body", envelope)
    monkeypatch.setattr(SkillViewSet, "list", boom)
    monkeypatch.setattr(CertificationViewSet, "list", cancelled)
    olgas_draft = OutsourcingRequestFactory(company=olga.membership.company)
    answers = {
        "unknown route": api().get("/api/v1/no-such-thing/"),
        "unknown object": api(alice).get(f"/api/v1/requests/{olgas_draft.pk}/"),
        "not signed in": api().get("/api/v1/requests/"),
        "not allowed": api(alice).post("/api/v1/sectors/", {"slug": "x", "name": "X"}),
        "conflict": api(alice).post(f"/api/v1/requests/{published.pk}/publish/"),
        "fields": api(alice).post("/api/v1/requests/", {}),
        "nul": api().get("/api/v1/vendors/?q=%00"),
        "parse": api().post("/api/v1/auth/token/", data="{", content_type="application/json"),
        "server error": quiet_client.get("/api/v1/skills/"),
        "timeout": api().get("/api/v1/certifications/"),
        "bad host": Client().get("/api/v1/sectors/", headers={"Host": "evil.example"}),
    }
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    answers["too large"] = api().post("/api/v1/auth/token/", {"username": "alice-and-more"})

    for name, response in answers.items():
        assert response.status_code >= 400, name
        assert set(response.json()) == {"changed"}, name
        assert response.json()["changed"]["message"], name
        assert response.json()["changed"]["status"] == response.status_code, name


def test_the_type_follows_from_the_status():
    assert {
        status: config_api.error_type(status)
        for status in (400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 429, 500, 502, 503)
    } == {
        400: "invalid_request",
        401: "authentication_error",
        403: "permission_error",
        404: "not_found",
        405: "invalid_request",
        406: "invalid_request",
        409: "conflict",
        410: "not_found",
        413: "invalid_request",
        415: "invalid_request",
        422: "invalid_request",
        429: "rate_limited",
        500: "server_error",
        502: "server_error",
        503: "unavailable",
    }


def test_fields_are_left_out_when_no_field_is_named(api, db):
    assert "fields" not in error(api().get("/api/v1/no-such-thing/"))


def test_an_empty_validation_error_still_says_the_request_is_not_valid():
    response = config_api.exception_handler(exceptions.ValidationError({}), {})

    assert response.status_code == 400
    assert response.data == {
        "error": {"type": "invalid_request", "code": "invalid", "message": "Invalid input."}
    }


def test_a_permission_denied_raised_outside_drf_is_the_envelope_under_the_api(rf):
    api_answer = permission_denied(rf.get("/api/v1/sectors/"), PermissionDenied())
    web_answer = permission_denied(rf.get("/vendors/"), PermissionDenied())

    assert api_answer.status_code == web_answer.status_code == 403
    assert json.loads(api_answer.content)["error"] == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }
    assert web_answer["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/v2/vendors/", "/api/"])
def test_unknown_api_routes_answer_json_even_with_debug_on(client, settings, path):
    # With DEBUG, Django's own 404 is an HTML page listing every route.
    settings.DEBUG = True

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_api_route_answers_json_to_a_session_without_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.put(
        "/api/v1/companies/1000000000000000000/", {}, content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"

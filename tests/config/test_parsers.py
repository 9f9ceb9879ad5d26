"""config.parsers.JSONParser, the API's only parser: a NUL character anywhere in a JSON body,
or nesting deeper than MAX_JSON_DEPTH, is a 400 with a message before any view or query runs.

On PostgreSQL each of the NUL bodies below was a 500 (a NUL cannot even be compared there).
"""

import io
import json
import re
import time

import pytest
from rest_framework.exceptions import ParseError

from config.parsers import MAX_JSON_DEPTH, JSONParser, json_depth
from marketplace.models import Certification, Sector, Skill, Vendor

from ..errors import error
from ..factories import OutsourcingRequestFactory

NUL_MESSAGE = "Text in the request may not contain the NUL character (U+0000)."
DEPTH_MESSAGE = f"JSON nested deeper than {MAX_JSON_DEPTH} levels is not accepted."


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def parse(text: str):
    return JSONParser().parse(io.BytesIO(text.encode()), "application/json", {})


def test_the_depth_is_counted_without_brackets_inside_strings():
    assert json_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert json_depth('["\\"]]]", []]') == 2
    assert json_depth("42") == 0


def test_an_unterminated_string_of_escaped_quotes_is_measured_in_linear_time():
    # With a required closing quote the scan restarted at every quote: 40,000 of them took
    # tens of seconds; a body may hold 2.5 MB.
    started = time.perf_counter()

    assert json_depth('["' + '\\"' * 40_000) == 1
    assert time.perf_counter() - started < 2


def test_json_as_deep_as_the_limit_is_parsed():
    assert parse(nested(MAX_JSON_DEPTH)) == json.loads(nested(MAX_JSON_DEPTH))


def test_json_deeper_than_the_limit_is_refused_before_parsing():
    with pytest.raises(ParseError, match=re.escape(DEPTH_MESSAGE)):
        parse(nested(MAX_JSON_DEPTH + 1))


@pytest.mark.parametrize(
    "body",
    [
        {"name": "\x00"},
        {"skills": ["ok", "\x00"]},
        {"expertise": [{"sector": "igaming\x00"}]},
        {"\x00": 1},
        ["\x00"],
    ],
)
def test_a_nul_in_any_string_or_key_is_refused(body):
    with pytest.raises(ParseError, match=re.escape(NUL_MESSAGE)):
        parse(json.dumps(body))


def test_an_escaped_backslash_before_u0000_is_no_nul():
    assert parse(r'{"name": "C:\\u0000"}') == {"name": "C:\\u0000"}


def test_json_nested_1000_deep_is_a_400_without_logging_in(api, db):
    response = api().post("/api/v1/auth/token/", data=nested(1000), content_type="application/json")

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "json_too_deep",
        "message": DEPTH_MESSAGE,
    }


@pytest.mark.django_db
def test_a_nul_in_a_request_patch_is_a_400_and_changes_nothing(api, alice, company):
    draft = OutsourcingRequestFactory(company=company, title="Casino en línea")

    for body in ({"skills": ["\u0000"]}, {"sector": "\u0000"}, {"title": "Casino\u0000"}):
        response = api(alice).patch(f"/api/v1/requests/{draft.pk}/", body)

        assert response.status_code == 400
        assert error(response)["code"] == "nul_character"
        assert error(response)["message"] == NUL_MESSAGE
    draft.refresh_from_db()
    assert draft.title == "Casino en línea"
    assert not draft.skills.exists()


@pytest.mark.parametrize(
    ("url", "body", "model"),
    [
        ("/api/v1/sectors/", {"slug": "quantum", "name": "Quantum\u0000"}, Sector),
        ("/api/v1/skills/", {"slug": "qubits", "name": "Qubits", "sector": "\u0000"}, Skill),
        (
            "/api/v1/certifications/",
            {"slug": "q", "name": "Q", "sectors": ["\u0000"]},
            Certification,
        ),
    ],
)
def test_a_nul_in_reference_data_is_a_400_and_creates_nothing(api, staff, url, body, model):
    before = model.objects.count()

    response = api(staff).post(url, body)

    assert response.status_code == 400
    assert error(response)["code"] == "nul_character"
    assert error(response)["message"] == NUL_MESSAGE
    assert model.objects.count() == before


def test_a_nul_in_a_vendor_creation_is_a_400_and_creates_nothing(api, charlie):
    body = {"name": "Aurora Lottery Labs", "skills": ["\u0000"], "province": "QC"}

    response = api(charlie).post("/api/v1/vendors/", body)

    assert response.status_code == 400
    assert error(response)["code"] == "nul_character"
    assert error(response)["message"] == NUL_MESSAGE
    assert not Vendor.objects.filter(name="Aurora Lottery Labs").exists()


def test_form_bodies_are_not_accepted(api, alice):
    # JSON is the API's one request format: forms would bypass these checks.
    response = api().post(
        "/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="multipart"
    )

    assert response.status_code == 415

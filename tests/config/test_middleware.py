"""RefuseNulMiddleware: a NUL character in the address, the query string or a cookie is a 400
before anything looks it up (PostgreSQL refuses such text outright: these were 500s)."""

import pytest

from ..errors import error

NUL_MESSAGE = "The address or a cookie contains a NUL character."


def test_a_nul_in_an_api_address_is_a_400_with_a_message(api, db):
    response = api().get("/api/v1/sectors/%00/")

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "nul_character",
        "message": NUL_MESSAGE,
    }


@pytest.mark.parametrize(
    "query", ["q=%00", "q=odds%00feeds", "sector=igaming&%00=1", "skills=\x00"]
)
def test_a_nul_in_the_query_string_is_a_400(api, db, query):
    response = api().get(f"/api/v1/vendors/?{query}")

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "nul_character",
        "message": NUL_MESSAGE,
    }


def test_a_signed_in_caller_gets_the_same_answer(api, alice):
    response = api(alice).get("/api/v1/requests/?status=%00")

    assert response.status_code == 400
    assert error(response) == {
        "type": "invalid_request",
        "code": "nul_character",
        "message": NUL_MESSAGE,
    }


def test_the_web_directory_answers_a_nul_in_its_search_with_a_400_page(client, db):
    response = client.get("/vendors/?q=%00")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_nul_in_a_web_address_is_a_400_page(client, db):
    response = client.get("/vendors/maple%00odds/")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_nul_in_the_session_cookie_is_a_400(client, db):
    # Django unquotes cookie values, so the octal escape arrives as a real NUL; the session
    # lookup with it was a 500 on every page.
    response = client.get("/vendors/", headers={"Cookie": 'sessionid="abcdefghijkl\\000"'})

    assert response.status_code == 400


def test_the_message_follows_the_callers_language(api, db):
    response = api().get("/api/v1/vendors/?q=%00", headers={"Accept-Language": "fr-CA"})

    assert response.status_code == 400
    assert error(response)["message"] != NUL_MESSAGE
    assert error(response)["code"] == "nul_character"


def test_an_encoded_percent_sign_followed_by_zeros_is_no_nul(api, vendor):
    # %2500 is the text "%00", which is harmless and may be searched for.
    response = api().get("/api/v1/vendors/?q=%2500")

    assert response.status_code == 200

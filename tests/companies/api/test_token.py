"""POST /api/auth/token/: a username and password buy a token for `Authorization: Token`."""

from rest_framework.authtoken.models import Token

URL = "/api/auth/token/"


def test_it_gives_a_token_for_the_right_credentials(api, alice):
    response = api().post(URL, {"username": "alice", "password": "correct-horse-battery"})

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=alice).key}


def test_it_gives_the_same_token_when_asked_twice(api, alice):
    first = api().post(URL, {"username": "alice", "password": "correct-horse-battery"})
    second = api().post(URL, {"username": "alice", "password": "correct-horse-battery"})

    assert first.json()["token"] == second.json()["token"]


def test_it_refuses_a_wrong_password_with_a_message(api, alice):
    response = api().post(URL, {"username": "alice", "password": "wrong"})

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Token.objects.filter(user=alice).exists()


def test_it_refuses_an_unknown_username(api, db):
    response = api().post(URL, {"username": "nobody", "password": "correct-horse-battery"})

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_it_names_missing_fields(api, db):
    response = api().post(URL, {})

    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_the_token_authenticates_later_requests(api, alice, company):
    token = api().post(URL, {"username": "alice", "password": "correct-horse-battery"}).json()
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")

    response = client.get("/api/companies/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [company.id]


def test_a_protected_endpoint_answers_401_without_credentials(api, db):
    response = api().get("/api/companies/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["WWW-Authenticate"] == "Token"


def test_a_protected_endpoint_answers_401_for_a_made_up_token(api, db):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/companies/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}

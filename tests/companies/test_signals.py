"""What logging in remembers: the language someone uses is the one Norte emails them in."""

import pytest

from companies.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
# allauth's form names the field `login` (a username or an address); the API's `username`.
CREDENTIALS = {"login": "alice", "password": "correct-horse-battery"}
API_CREDENTIALS = {"username": "alice", "password": "correct-horse-battery"}


def test_the_first_login_remembers_the_language_of_the_page(client, alice):
    client.post(LOGIN, CREDENTIALS, HTTP_ACCEPT_LANGUAGE="fr-CA")

    alice.refresh_from_db()
    assert alice.language == "fr-ca"


def test_a_chosen_language_is_kept_whatever_the_page_speaks(client, alice):
    User.objects.filter(pk=alice.pk).update(language="en")

    client.post(LOGIN, CREDENTIALS, HTTP_ACCEPT_LANGUAGE="es-MX")

    alice.refresh_from_db()
    assert alice.language == "en"


def test_an_api_token_login_leaves_it_unset(api, alice):
    response = api().post("/api/v1/auth/token/", API_CREDENTIALS, HTTP_ACCEPT_LANGUAGE="fr-CA")

    assert response.status_code == 200

    alice.refresh_from_db()
    assert alice.language == ""


def test_the_login_language_is_set_through_the_service(client, alice, monkeypatch):
    """One way to change someone's language: the service, which checks the site speaks it."""
    from companies import signals

    calls = []
    monkeypatch.setattr(
        signals, "user_language_set", lambda *, user, language: calls.append(language)
    )

    client.post(LOGIN, CREDENTIALS, HTTP_ACCEPT_LANGUAGE="fr-CA")

    assert calls == ["fr-ca"]

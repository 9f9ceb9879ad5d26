"""/accounts/signup/: a person creates an account, is logged in and goes on to onboarding."""

import pytest

from companies.models import User
from tests.marketplace.web.pages import text

URL = "/accounts/signup/"


def _form(**overrides):
    return {
        "username": "dana",
        "email": "dana@example.com",
        "password1": "maple-syrup-2026",
        "password2": "maple-syrup-2026",
        **overrides,
    }


def test_it_renders_for_anonymous_visitors(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="password2"' in response.content.decode()


def test_it_creates_the_account_and_logs_in(client, db):
    response = client.post(URL, _form())

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    user = User.objects.get(username="dana")
    assert user.email == "dana@example.com"
    assert user.check_password("maple-syrup-2026")
    assert client.get("/onboarding/").context["user"] == user


def test_it_refuses_a_taken_username(client, charlie):
    response = client.post(URL, _form(username="charlie"))

    assert response.status_code == 200
    assert "A user with that username already exists." in text(response)
    assert User.objects.filter(username="charlie").count() == 1
    assert not User.objects.filter(email="dana@example.com").exists()


def test_it_refuses_mismatched_passwords(client, db):
    response = client.post(URL, _form(password2="maple-syrup-2027"))

    assert response.status_code == 200
    assert "The two password fields didn’t match." in text(response)
    assert not User.objects.filter(username="dana").exists()


def test_it_refuses_a_weak_password_and_keeps_the_username(client, db):
    response = client.post(URL, _form(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert "This password is too common." in text(response)
    assert 'value="dana"' in response.content.decode()
    assert not User.objects.filter(username="dana").exists()


def test_it_needs_an_email(client, db):
    response = client.post(URL, _form(email=""))

    assert response.status_code == 200
    assert not User.objects.filter(username="dana").exists()


def test_a_logged_in_user_goes_to_onboarding(client, charlie):
    client.force_login(charlie)

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == "/onboarding/"


# --- Coming back to where the person came from (an invitation link, say) ------------------------

NEXT = "/invitations/some-token/"


def test_the_page_keeps_a_same_site_next_in_its_form_and_log_in_link(client, db):
    response = client.get(f"{URL}?next={NEXT}")

    html = response.content.decode()
    assert f'<input type="hidden" name="next" value="{NEXT}">' in html
    assert '<a href="/accounts/login/?next=/invitations/some-token/">Log in</a>' in html


def test_signing_up_returns_to_the_next_page_logged_in(client, db):
    response = client.post(f"{URL}?next={NEXT}", _form(next=NEXT))

    assert response.status_code == 302
    assert response.url == NEXT
    user = User.objects.get(username="dana")
    assert client.get("/onboarding/").context["user"] == user


def test_the_next_page_may_come_from_the_query_string_alone(client, db):
    response = client.post(f"{URL}?next={NEXT}", _form())

    assert response.url == NEXT


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/invitations/some-token/",
        "//evil.example/invitations/some-token/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
    ],
)
def test_an_external_next_is_ignored(client, db, next_url):
    page = client.get(URL, {"next": next_url}).content.decode()
    assert f'name="next" value="{next_url}"' not in page
    assert "/accounts/login/?next=" not in page

    response = client.post(URL, _form(next=next_url))

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert User.objects.filter(username="dana").exists()


def test_a_logged_in_user_goes_to_a_same_site_next(client, charlie):
    client.force_login(charlie)

    assert client.get(URL, {"next": NEXT}).url == NEXT
    assert client.get(URL, {"next": "https://evil.example/"}).url == "/onboarding/"


@pytest.mark.parametrize("next_url", ["requests", "team"])
def test_a_next_that_is_not_a_path_is_ignored(client, db, next_url):
    # Django's `redirect()` reads a bare word as a URL name: it must never see one from a visitor.
    response = client.post(URL, _form(next=next_url))

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert User.objects.filter(username="dana").exists()

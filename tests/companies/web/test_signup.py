"""/accounts/signup/ (allauth): a person creates an account and is emailed a link (text and
HTML, in the language of the page) to verify the address; the link's page confirms it, logs
them in and goes on to onboarding, or back to where they came from (an invitation link)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

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


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_it_renders_for_anonymous_visitors(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="password2"' in response.content.decode()


def test_it_creates_the_account_and_emails_a_link_without_logging_in(client, db):
    response = client.post(URL, _form())

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    user = User.objects.get(username="dana")
    assert user.email == "dana@example.com"
    assert user.check_password("maple-syrup-2026")
    assert SESSION_KEY not in client.session
    assert EmailAddress.objects.get(user=user).verified is False
    [message] = mail.outbox
    assert message.to == ["dana@example.com"]
    assert message.subject == "Confirm your email address on Norte"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert _link(message) in message.body
    assert f'href="http://testserver{_link(message)}"' in html


def test_the_page_it_goes_to_says_to_open_the_link(client, db):
    response = client.post(URL, _form(), follow=True)

    assert "We have sent you an email with a link to confirm your address." in text(response)


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("es-MX", "Confirme su dirección de correo en Norte", "Abra este enlace"),
        ("en", "Confirm your email address on Norte", "Open this link"),
        ("fr-CA", "Confirmez votre adresse courriel sur Norte", "Ouvrez ce lien"),
    ],
)
def test_the_email_is_in_the_language_of_the_page(client, db, language, subject, words):
    client.post(URL, _form(), headers={"accept-language": language})

    [message] = mail.outbox
    assert message.subject == subject
    assert words in message.body
    assert words in message.alternatives[0][0]
    assert f'<html lang="{language.lower()}">' in message.alternatives[0][0]


def test_the_link_asks_to_confirm_then_verifies_and_logs_in(client, db):
    client.post(URL, _form())
    link = _link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "dana@example.com" in text(page)
    assert not EmailAddress.objects.get(email="dana@example.com").verified

    response = client.post(link)

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert EmailAddress.objects.get(email="dana@example.com").verified
    assert client.session[SESSION_KEY] == str(User.objects.get(username="dana").pk)


def test_once_verified_the_account_logs_in_from_another_browser(client, db):
    client.post(URL, _form())
    client.post(_link(mail.outbox[0]))

    response = Client().post("/accounts/login/", {"login": "dana", "password": "maple-syrup-2026"})

    assert response.status_code == 302
    assert response.url == "/onboarding/"


def test_an_unknown_link_says_so(client, db):
    response = client.get("/accounts/confirm-email/not-a-key/")

    assert response.status_code == 200
    assert "This link is invalid or has expired." in text(response)


def test_a_taken_email_gets_no_second_account_and_its_owner_is_told(client, charlie):
    response = client.post(URL, _form(email="Charlie@Example.com"))

    # The same answer as for a new address: the form does not tell who is on Norte.
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert not User.objects.filter(username="dana").exists()
    [message] = mail.outbox
    assert message.to == ["charlie@example.com"]
    assert message.subject == "You already have a Norte account"
    assert "/accounts/password/reset/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_it_refuses_a_taken_username(client, charlie):
    response = client.post(URL, _form(username="charlie"))

    assert response.status_code == 200
    assert "A user with that username already exists." in text(response)
    assert User.objects.filter(username="charlie").count() == 1
    assert not User.objects.filter(email="dana@example.com").exists()


def test_it_refuses_mismatched_passwords(client, db):
    response = client.post(URL, _form(password2="maple-syrup-2027"))

    assert response.status_code == 200
    assert "You must type the same password each time." in text(response)
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
    assert mail.outbox == []


def test_a_logged_in_user_goes_to_onboarding(client, charlie):
    client.force_login(charlie)

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == "/onboarding/"


def test_allauths_own_words_on_the_page_are_translated(client, db):
    spanish = text(client.get(URL, headers={"accept-language": "es-MX"}))
    french = text(client.get(URL, headers={"accept-language": "fr-CA"}))

    # allauth's own catalogs (es, fr) serve es-mx and fr-ca: gettext falls back to the language.
    assert "Contraseña (de nuevo)" in spanish
    assert "Mot de passe (confirmation)" in french
    login = text(client.get("/accounts/login/", headers={"accept-language": "fr-CA"}))
    assert "Nom d’utilisateur ou adresse courriel" in login


# --- Coming back to where the person came from (an invitation link, say) ------------------------

NEXT = "/invitations/some-token/"


def test_the_page_keeps_a_same_site_next_in_its_form_and_log_in_link(client, db):
    response = client.get(f"{URL}?next={NEXT}")

    html = response.content.decode()
    assert f'<input type="hidden" name="next" value="{NEXT}">' in html
    assert 'href="/accounts/login/?next=%2Finvitations%2Fsome-token%2F"' in html


def test_confirming_the_link_returns_to_the_next_page_logged_in(client, db):
    response = client.post(f"{URL}?next={NEXT}", _form(next=NEXT))
    assert response.url == "/accounts/confirm-email/"

    response = client.post(_link(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url == NEXT
    user = User.objects.get(username="dana")
    assert client.get("/onboarding/").context["user"] == user


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
    client.post(URL, _form(next=next_url))
    response = client.post(_link(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url == "/onboarding/"


def test_a_logged_in_user_goes_to_a_same_site_next(client, charlie):
    client.force_login(charlie)

    assert client.get(URL, {"next": NEXT}).url == NEXT
    assert client.get(URL, {"next": "https://evil.example/"}).url == "/onboarding/"


def test_allauths_own_rate_limit_answers_with_the_sites_429_page(client, db, settings):
    """Sign-ups are limited by allauth (ACCOUNT_RATE_LIMITS), not config/throttling.py: its
    answer is still the translated page with Retry-After."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client.post(URL, _form())

    response = client.post(URL, _form(username="erin", email="erin@example.com"))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests from you in a short time." in text(response)
    assert not User.objects.filter(username="erin").exists()


# allauth logs the person in on confirming only within its pending log-in window (the same
# browser, ACCOUNT_LOGIN_TIMEOUT); a timeout of 0 makes every confirmation come after it.
@pytest.fixture
def late_confirmation(settings):
    settings.ACCOUNT_LOGIN_TIMEOUT = 0


def test_a_late_confirmation_then_logging_in_still_goes_where_the_sign_up_was_going(
    client, db, late_confirmation
):
    client.post(f"{URL}?next=/onboarding/company/", _form(next="/onboarding/company/"))

    confirmed = client.post(_link(mail.outbox[0]))
    assert confirmed.url == "/accounts/login/"
    assert SESSION_KEY not in client.session

    response = client.post("/accounts/login/", {"login": "dana", "password": "maple-syrup-2026"})

    assert response.status_code == 302
    assert response.url == "/onboarding/company/"
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/onboarding/company/", "//evil.example/", "javascript:alert(1)"],
)
def test_a_late_confirmation_ignores_an_external_next(client, db, late_confirmation, next_url):
    client.post(URL, _form(next=next_url))
    client.post(_link(mail.outbox[0]))

    response = client.post("/accounts/login/", {"login": "dana", "password": "maple-syrup-2026"})

    assert response.url == "/onboarding/"

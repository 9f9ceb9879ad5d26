"""/accounts/login/: allauth's log-in page with Norte's template, in the reader's language, by
username or email address, once the address is verified;
throttled per address and locked per username and address after wrong passwords, as the
admin's login and the API's token endpoint are."""

import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail

from companies.selectors import user_verified_email
from tests.factories import UserFactory
from tests.marketplace.web.pages import text

URL = "/accounts/login/"


def test_it_renders_with_links_to_sign_up_and_reset(client, db):
    html = client.get(URL).content.decode()

    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/password/reset/"' in html


def test_a_user_logs_in_and_goes_to_onboarding(client, charlie):
    response = client.post(URL, {"login": "charlie", "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert client.session[SESSION_KEY] == str(charlie.pk)


def test_a_user_logs_in_with_their_email_address_too(client, charlie):
    response = client.post(
        URL, {"login": "Charlie@Example.com", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(charlie.pk)


def test_an_unverified_address_cannot_log_in_and_is_sent_a_new_link(client, db, mailoutbox):
    dana = UserFactory(username="dana", email_verified=False)
    EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)

    response = client.post(URL, {"login": "dana", "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert SESSION_KEY not in client.session
    assert [message.to for message in mailoutbox] == [["dana@example.com"]]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert client.get("/onboarding/").status_code == 302


def test_a_member_is_sent_on_from_onboarding_to_their_organisation(client, vera, vendor):
    response = client.post(URL, {"login": "vera", "password": "correct-horse-battery"}, follow=True)

    assert response.redirect_chain[-1][0] == "/vendor/"


def test_it_keeps_next(client, charlie):
    response = client.post(
        URL,
        {"login": "charlie", "password": "correct-horse-battery", "next": "/vendors/"},
    )

    assert response.url == "/vendors/"


def test_a_wrong_password_is_refused(client, charlie):
    response = client.post(URL, {"login": "charlie", "password": "wrong"})

    assert response.status_code == 200
    assert "The username and/or password you specified are not correct." in text(response)
    assert SESSION_KEY not in client.session


def test_it_renders_in_spanish_for_a_mexican_browser(client, db):
    response = client.get(URL, headers={"accept-language": "es-MX"})

    assert '<html lang="es-mx">' in response.content.decode()
    assert "Iniciar sesión" in text(response)
    assert "Contraseña" in text(response)


def test_protected_pages_send_anonymous_visitors_here(client, db):
    response = client.get("/onboarding/")

    assert response.status_code == 302
    assert response.url == f"{URL}?next=/onboarding/"


def test_the_admin_keeps_its_own_login(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.get(response.url).status_code == 200


def test_the_sign_up_link_keeps_next(client, db):
    html = client.get("/accounts/login/?next=/invitations/abc/").content.decode()

    assert 'href="/accounts/signup/?next=%2Finvitations%2Fabc%2F"' in html


def attempt(client, username="charlie", password="correct-horse-battery", url=URL, **request):
    """A log-in: the site's form names the field `login`, the admin's `username`."""
    data = {"login": username, "username": username, "password": password}
    return client.post(url, data, **request)


def lock_out(client, username="charlie", **request):
    """Wrong passwords up to the limit: the last one is answered with the lockout page."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, username, "wrong", **request).status_code == 200
    return attempt(client, username, "wrong", **request)


def test_too_many_wrong_passwords_lock_the_username_out(client, charlie):
    locked = lock_out(client)
    right_password = attempt(client)

    for response in (locked, right_password):
        assert response.status_code == 429
        assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
        assert "Too many failed attempts to log in to this account from your network." in text(
            response
        )
        assert "Try again in 15 minutes." in text(response)
    assert SESSION_KEY not in client.session


def test_the_lockout_page_speaks_the_readers_language(client, charlie):
    lock_out(client)

    response = attempt(client, headers={"accept-language": "es-MX"})

    assert response.status_code == 429
    assert '<html lang="es-mx">' in response.content.decode()
    assert "Demasiados intentos" in text(response)
    assert "Inténtelo de nuevo en 15 minutos." in text(response)


def test_a_lockout_holds_one_username_from_one_address_only(client, charlie, alice):
    lock_out(client, "charlie")

    assert attempt(client, "alice").status_code == 302
    client.post("/accounts/logout/")
    assert attempt(client, "charlie", REMOTE_ADDR="203.0.113.7").status_code == 302


def test_a_right_password_clears_the_earlier_failures(client, charlie):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, password="wrong")
    assert attempt(client).status_code == 302
    client.post("/accounts/logout/")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, password="wrong").status_code == 200
    assert attempt(client).status_code == 302


def test_the_site_and_the_api_lock_out_together(client, api, charlie):
    lock_out(client)

    token = api().post("/api/v1/auth/token/", {"username": "charlie", "password": "wrong"})

    assert token.status_code == 429


def test_the_admin_login_locks_out_too(client, staff):
    admin_login = "/admin/login/?next=/admin/"
    lock_out(client, "staff", url=admin_login)

    response = attempt(client, "staff", url=admin_login)

    assert response.status_code == 429
    assert "Too many failed attempts" in text(response)


def test_the_admin_login_still_signs_staff_in(client, staff):
    response = attempt(client, "staff", url="/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_tries_from_one_address_are_throttled_whatever_the_username(client, charlie, rates):
    rates(login="3/minute")
    for username in ("alice", "bob", "nobody"):
        assert attempt(client, username, "wrong").status_code == 200

    response = attempt(client)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests from you in a short time." in text(response)
    assert "Try again in 1 minute." in text(response)
    assert SESSION_KEY not in client.session


def test_showing_the_form_is_not_counted(client, db, rates):
    rates(login="1/minute")
    for _ in range(3):
        assert client.get(URL).status_code == 200


def test_the_site_the_admin_and_the_api_share_the_login_rate(client, api, charlie, rates):
    rates(login="2/minute")
    api().post("/api/v1/auth/token/", {"username": "charlie", "password": "wrong"})
    attempt(client, "charlie", "wrong", url="/admin/login/")

    assert attempt(client).status_code == 429


def test_wrong_passwords_typed_with_the_email_address_lock_it_out_too(client, charlie):
    lock_out(client, "charlie@example.com")

    response = attempt(client, "charlie@example.com")

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_an_account_made_in_the_admin_gets_a_link_at_its_first_log_in(client, api, db):
    """Made by staff or `createsuperuser`: a user with an address but no allauth row yet."""
    dana = UserFactory(username="dana", email_verified=False)

    response = client.post(URL, {"login": "dana", "password": "correct-horse-battery"})

    assert response.url == "/accounts/confirm-email/"
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert client.post(link.group(1)).status_code == 302
    assert user_verified_email(user=dana) == "dana@example.com"
    token = api().post(
        "/api/v1/auth/token/", {"username": "dana", "password": "correct-horse-battery"}
    )
    assert token.status_code == 200

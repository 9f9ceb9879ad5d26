"/accounts/login/: Django's LoginView with Norte's template, in the reader's language."

from django.contrib.auth import SESSION_KEY

from tests.marketplace.web.pages import text

URL = "/accounts/login/"


def test_it_renders_with_links_to_sign_up_and_reset(client, db):
    html = client.get(URL).content.decode()

    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/password-reset/"' in html


def test_a_user_logs_in_and_goes_to_onboarding(client, charlie):
    response = client.post(URL, {"username": "charlie", "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert client.session[SESSION_KEY] == str(charlie.pk)


def test_a_member_is_sent_on_from_onboarding_to_their_organisation(client, vera, vendor):
    response = client.post(
        URL, {"username": "vera", "password": "correct-horse-battery"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/vendor/"


def test_it_keeps_next(client, charlie):
    response = client.post(
        URL,
        {"username": "charlie", "password": "correct-horse-battery", "next": "/vendors/"},
    )

    assert response.url == "/vendors/"


def test_a_wrong_password_is_refused(client, charlie):
    response = client.post(URL, {"username": "charlie", "password": "wrong"})

    assert response.status_code == 200
    assert "Please enter a correct username and password." in text(response)
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

    assert 'href="/accounts/signup/?next=/invitations/abc/"' in html

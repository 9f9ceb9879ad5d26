"""/accounts/password/change/ (allauth): a logged-in person changes their password with the old
one; an email (text and HTML, in the language of the page) tells them it changed, and their API
tokens stop working."""

from django.contrib.auth import SESSION_KEY
from django.core import mail

from tests.marketplace.web.pages import text

from ...factories import api_token, api_token_exists

URL = "/accounts/password/change/"
NEW = {
    "oldpassword": "correct-horse-battery",
    "password1": "nopal-aurora-31",
    "password2": "nopal-aurora-31",
}


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


def test_the_nav_links_to_it(client, charlie):
    client.force_login(charlie)

    assert f'href="{URL}"' in client.get("/").content.decode()


def test_it_changes_the_password_and_emails_a_notice(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, NEW)

    assert response.status_code == 302
    charlie.refresh_from_db()
    assert charlie.check_password("nopal-aurora-31")
    assert client.session[SESSION_KEY] == str(charlie.pk)  # still logged in
    [message] = mail.outbox
    assert message.to == ["charlie@example.com"]
    assert message.subject == "Your Norte password was changed"
    assert "The password of your Norte account was changed." in message.body
    assert "From the IP address: 127.0.0.1" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "The password of your Norte account was changed." in html


def test_the_notice_is_in_the_language_of_the_page(client, charlie):
    client.force_login(charlie)

    client.post(URL, NEW, headers={"accept-language": "fr-CA"})

    [message] = mail.outbox
    assert message.subject == "Votre mot de passe Norte a été modifié"
    assert '<html lang="fr-ca">' in message.alternatives[0][0]


def test_a_wrong_old_password_changes_nothing(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, {**NEW, "oldpassword": "wrong"})

    assert response.status_code == 200
    assert "Please type your current password." in text(response)
    charlie.refresh_from_db()
    assert charlie.check_password("correct-horse-battery")
    assert mail.outbox == []


def test_it_revokes_the_api_tokens(client, charlie):
    token = api_token(charlie)
    client.force_login(charlie)

    client.post(URL, NEW)

    assert not api_token_exists(token)

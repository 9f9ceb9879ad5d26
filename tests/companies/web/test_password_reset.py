"""/accounts/password/reset/ (allauth): an email with a link; the link's page sets a new password,
and a second email says it was reset. Throttled per address and per email address."""

import re

from django.core import mail

from tests.marketplace.web.pages import text

from ...factories import api_token, api_token_exists


def _reset_link(client, email):
    response = client.post("/accounts/password/reset/", {"email": email})
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/done/"
    return re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body
    ).group(1)


def test_it_emails_a_link(client, charlie):
    _reset_link(client, "charlie@example.com")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["charlie@example.com"]
    assert mail.outbox[0].subject == "Reset your Norte password"
    assert "charlie" in mail.outbox[0].body


def test_an_unknown_address_gets_no_email_and_the_same_answer(client, charlie):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert response.url == "/accounts/password/reset/done/"
    assert mail.outbox == []


def test_the_link_sets_a_new_password(client, charlie):
    link = _reset_link(client, "charlie@example.com")

    form = client.get(link, follow=True)
    assert 'name="password1"' in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"password1": "poutine-sunrise-7", "password2": "poutine-sunrise-7"},
    )

    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/key/done/"
    charlie.refresh_from_db()
    assert charlie.check_password("poutine-sunrise-7")
    notice = mail.outbox[-1]
    assert notice.to == ["charlie@example.com"]
    assert notice.subject == "Your Norte password was reset"
    assert "If it was not you, reset your password at once" in notice.body
    assert notice.alternatives[0].mimetype == "text/html"


def test_a_used_link_is_refused(client, charlie):
    link = _reset_link(client, "charlie@example.com")
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "poutine-sunrise-7", "password2": "poutine-sunrise-7"},
    )

    response = client.get(link, follow=True)

    assert "This link is invalid or has already been used." in text(response)


def ask_reset(client, email="charlie@example.com", **request):
    return client.post("/accounts/password/reset/", {"email": email}, **request)


def test_resets_from_one_address_are_throttled(client, charlie, alice, rates):
    rates(password_reset="2/hour")
    ask_reset(client, "charlie@example.com")
    ask_reset(client, "alice@example.com")

    response = ask_reset(client, "nobody@example.com")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Try again in 60 minutes." in text(response)
    assert len(mail.outbox) == 2


def test_resets_for_one_email_address_are_throttled_from_anywhere(client, charlie, rates):
    rates(password_reset="2/hour")
    ask_reset(client, REMOTE_ADDR="198.51.100.1")
    ask_reset(client, "Charlie@Example.com ", REMOTE_ADDR="198.51.100.2")

    response = ask_reset(client, REMOTE_ADDR="198.51.100.3")

    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_twenty_resets_for_one_address_send_at_most_the_default_rate(client, charlie):
    responses = [ask_reset(client) for _ in range(20)]

    assert [r.status_code for r in responses] == [302] * 5 + [429] * 15
    assert len(mail.outbox) == 5


def test_a_new_password_from_the_link_revokes_the_api_token(client, api, charlie):
    token = api_token(charlie)
    link = _reset_link(client, "charlie@example.com")
    form = client.get(link, follow=True)

    client.post(
        form.redirect_chain[-1][0],
        {"password1": "poutine-sunrise-7", "password2": "poutine-sunrise-7"},
    )

    assert not api_token_exists(token)
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/companies/").status_code == 401

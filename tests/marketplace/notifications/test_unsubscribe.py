"""GET/POST notifications/unsubscribe/<token>/: the link in every email, without logging in."""

import pytest
from django.test import Client

from marketplace.events.models import Event
from marketplace.notifications.emails import unsubscribe_token
from marketplace.notifications.models import NotificationPreference
from marketplace.notifications.selectors import notification_preference_for

pytestmark = pytest.mark.django_db

Kind = Event.Kind


def url(token: str) -> str:
    return f"/notifications/unsubscribe/{token}/"


@pytest.fixture
def anonymous():
    """A mail client: no session, no CSRF cookie, and Django's CSRF check on."""
    return Client(enforce_csrf_checks=True)


def test_the_page_says_what_will_stop_and_changes_nothing(anonymous, vera):
    token = unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED)

    response = anonymous.get(url(token), HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Stop the emails about “Question asked”?" in body
    assert "Stop these emails" in body and "Stop all emails" in body
    assert not NotificationPreference.objects.exists()


def test_one_click_unsubscribes_from_the_kind_without_login_or_csrf(anonymous, vera):
    token = unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED)

    # What a mail client sends (RFC 8058).
    response = anonymous.post(url(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert notification_preference_for(user=vera, kind=Kind.QUESTION_ASKED).email == "never"
    assert NotificationPreference.objects.filter(user=vera).count() == 1


def test_the_pages_second_button_stops_every_email(anonymous, vera):
    token = unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED)

    response = anonymous.post(url(token), {"scope": "all"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Done: no more emails about notifications." in response.content.decode()
    assert set(
        NotificationPreference.objects.filter(user=vera).values_list("email", flat=True)
    ) == {"never"}
    assert NotificationPreference.objects.filter(user=vera).count() == len(Kind)


def test_a_digests_link_stops_every_email(anonymous, vera):
    anonymous.post(url(unsubscribe_token(user=vera)), {"List-Unsubscribe": "One-Click"})

    assert NotificationPreference.objects.filter(user=vera, email="never").count() == len(Kind)


def test_unsubscribing_twice_is_the_same_as_once(anonymous, vera):
    token = unsubscribe_token(user=vera, kind=Kind.REVIEW_POSTED)

    anonymous.post(url(token))
    response = anonymous.post(url(token))

    assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=vera).count() == 1


def test_it_stops_only_the_tokens_persons_emails_whoever_is_logged_in(client, vera, victor):
    client.force_login(victor)

    client.post(url(unsubscribe_token(user=vera, kind=Kind.REVIEW_POSTED)))

    assert not NotificationPreference.objects.filter(user=victor).exists()
    assert NotificationPreference.objects.filter(user=vera).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_with_a_clear_page(anonymous, vera, victor, method):
    token = unsubscribe_token(user=vera, kind=Kind.REVIEW_POSTED)
    # Victor's id in Vera's signature.
    forged = (
        unsubscribe_token(user=victor, kind=Kind.REVIEW_POSTED).split(":")[0]
        + (token[token.index(":") :])
    )

    for bad in (forged, token[:-3] + "xyz", "nothing-signed"):
        response = getattr(anonymous, method)(url(bad), HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_token_of_a_kind_that_is_no_more_is_refused(anonymous, vera):
    response = anonymous.get(url(unsubscribe_token(user=vera, kind="tender.vanished")))

    assert response.status_code == 400


def test_the_token_of_a_deactivated_person_is_refused(anonymous, vera):
    token = unsubscribe_token(user=vera, kind=Kind.REVIEW_POSTED)
    vera.is_active = False
    vera.save()

    assert anonymous.post(url(token)).status_code == 400


@pytest.mark.parametrize(
    "language, asks",
    [
        ("fr-ca", "Ne plus recevoir de courriels sur « Question posée » ?"),
        ("es-mx", "¿Dejar de recibir correos sobre «Pregunta hecha»?"),
    ],
)
def test_the_page_speaks_the_language_of_the_email_not_the_browsers(
    anonymous, vera, language, asks
):
    vera.language = language
    vera.save(update_fields=["language"])
    token = unsubscribe_token(user=vera, kind=Kind.QUESTION_ASKED)

    body = anonymous.get(url(token), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert asks.replace(" ", "\N{NO-BREAK SPACE}") in body or asks in body

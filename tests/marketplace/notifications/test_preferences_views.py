"""GET/POST notifications/preferences/: which emails, and in which language."""

import pytest

from marketplace.events.models import Event
from marketplace.notifications.models import EmailChoice, NotificationPreference
from marketplace.notifications.selectors import notification_preference_for

pytestmark = pytest.mark.django_db

URL = "/notifications/preferences/"
Kind = Event.Kind


def every_kind(email: str) -> dict[str, str]:
    return {f"email_{kind.replace('.', '__')}": email for kind in Kind.values}


def test_it_shows_every_kind_grouped_with_its_current_choice(client, vera):
    NotificationPreference.objects.create(user=vera, kind=Kind.REVIEW_POSTED, email="never")
    client.force_login(vera)

    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    # One per kind, the language of emails, and the header's language switcher.
    assert body.count("<select") == len(Kind) + 2
    for legend in ("Tenders", "Engagements and reviews", "Your organisation"):
        assert f"<legend>{legend}</legend>" in body
    assert '<label for="id_email_review__posted">Review posted:</label>' in body
    form = response.context["form"]
    assert form["email_review__posted"].value() == "never"
    assert form["email_bid_invitation__sent"].value() == "immediate"  # the default


def test_it_is_linked_from_the_notifications_page_and_the_header(client, vera):
    client.force_login(vera)

    body = client.get("/notifications/").content.decode()

    assert body.count(f'href="{URL}"') == 2


def test_saving_changes_the_choices_and_the_language(client, vera):
    client.force_login(vera)
    data = {**every_kind("daily"), "language": "fr-ca", "email_question__asked": "never"}

    response = client.post(URL, data)

    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.language == "fr-ca"
    assert notification_preference_for(user=vera, kind=Kind.QUESTION_ASKED).email == "never"
    assert notification_preference_for(user=vera, kind=Kind.REVIEW_POSTED).email == "daily"


def test_no_email_at_all_turns_every_kind_off(client, vera):
    client.force_login(vera)

    response = client.post(URL, {"no_email": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert "You will get no more emails from Norte." in response.content.decode()
    assert set(
        NotificationPreference.objects.filter(user=vera).values_list("email", flat=True)
    ) == {EmailChoice.NEVER}
    assert NotificationPreference.objects.filter(user=vera).count() == len(Kind)


def test_a_value_that_is_not_a_choice_is_refused_and_nothing_changes(client, vera):
    client.force_login(vera)
    vera.refresh_from_db()
    language = vera.language  # the one of the login
    data = {**every_kind("daily"), "email_question__asked": "weekly", "language": "de"}

    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice. weekly is not one of the available choices." in body
    assert "Select a valid choice. de is not one of the available choices." in body
    assert not NotificationPreference.objects.filter(user=vera).exists()
    vera.refresh_from_db()
    assert vera.language == language


def test_each_person_changes_only_their_own(client, vera, victor):
    client.force_login(victor)

    client.post(URL, {"no_email": "1"})

    assert not NotificationPreference.objects.filter(user=vera).exists()
    assert NotificationPreference.objects.filter(user=victor).count() == len(Kind)


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_languages_of_emails_are_each_named_in_itself(client, vera):
    """As in the header's switcher: a reader finds theirs whatever the page is in."""
    client.force_login(vera)

    page = client.get("/notifications/preferences/", HTTP_ACCEPT_LANGUAGE="es-MX")

    for name in ("Español (México)", "English", "Français (Canada)"):
        assert f">{name}</option>" in page.content.decode()


def test_a_companys_people_see_no_choice_about_a_vendors_own_events(client, alice, vera):
    client.force_login(alice)
    company_page = client.get(URL).content.decode()
    client.force_login(vera)
    vendor_page = client.get(URL).content.decode()

    for vendor_only in ("request.published", "vendor.approved", "vendor.suspended"):
        field = f'name="email_{vendor_only.replace(".", "__")}"'
        assert field not in company_page
        assert field in vendor_page
    assert 'name="email_question__asked"' in company_page

"""GET notification-preferences/, GET and PATCH notification-preferences/{kind}/."""

import pytest

from marketplace.events.models import Event
from marketplace.notifications.models import NotificationPreference
from marketplace.notifications.selectors import notification_preference_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/notification-preferences/"
Kind = Event.Kind


def test_it_lists_every_kind_with_its_choice_and_whether_it_is_the_default(api, vera):
    NotificationPreference.objects.create(user=vera, kind=Kind.REVIEW_POSTED, email="never")

    response = api(vera).get(URL, HTTP_ACCEPT_LANGUAGE="fr-CA")

    assert response.status_code == 200
    rows = {row["kind"]: row for row in response.json()}
    assert set(rows) == set(Kind.values)
    assert rows["review.posted"]["email"] == "never"
    assert rows["review.posted"]["is_default"] is False
    assert rows["bid_invitation.sent"] == {
        "kind": "bid_invitation.sent",
        "label": "Fournisseur invité à soumissionner",
        "email": "immediate",
        "is_default": True,
    }


def test_it_reads_one_kind(api, vera):
    response = api(vera).get(f"{URL}invitation.sent/")

    assert response.status_code == 200
    assert response.json()["email"] == "daily"


def test_patch_changes_one_kind(api, vera):
    response = api(vera).patch(f"{URL}question.asked/", {"email": "daily"}, format="json")

    assert response.status_code == 200
    assert response.json()["email"] == "daily" and response.json()["is_default"] is False
    assert notification_preference_for(user=vera, kind=Kind.QUESTION_ASKED).email == "daily"


def test_patching_the_same_value_twice_is_the_same_as_once(api, vera):
    for _ in range(2):
        response = api(vera).patch(f"{URL}question.asked/", {"email": "never"}, format="json")
        assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=vera).count() == 1


def test_a_value_that_is_not_a_choice_is_refused_with_the_choices_named(api, vera):
    response = api(vera).patch(
        f"{URL}question.asked/", {"email": "weekly"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["email"][0]["message"] == '"weekly" is not a valid choice.'
    assert not NotificationPreference.objects.exists()


def test_a_kind_that_is_not_one_is_not_found(api, vera):
    response = api(vera).patch(f"{URL}tender.vanished/", {"email": "never"}, format="json")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_each_person_reads_and_changes_only_their_own(api, vera, victor):
    api(victor).patch(f"{URL}question.asked/", {"email": "never"}, format="json")

    mine = {row["kind"]: row for row in api(vera).get(URL).json()}

    assert mine["question.asked"]["email"] == "immediate"
    assert not NotificationPreference.objects.filter(user=vera).exists()


def test_anonymous_callers_are_refused(api):
    assert api().get(URL).status_code == 401
    assert api().patch(f"{URL}question.asked/", {"email": "never"}).status_code == 401


def test_there_is_no_put_post_or_delete(api, vera):
    client = api(vera)

    assert client.put(f"{URL}question.asked/", {"email": "never"}).status_code == 405
    assert client.post(URL, {"kind": "question.asked", "email": "never"}).status_code == 405
    assert client.delete(f"{URL}question.asked/").status_code == 405


def test_a_companys_people_choose_only_for_what_can_concern_them(api, alice):
    """No choice about a vendor's moderation or the requests that fit a vendor: they are never
    told of those."""
    kinds = {row["kind"] for row in api(alice).get(URL).json()}

    assert kinds == set(Kind.values) - {
        Kind.VENDOR_APPROVED,
        Kind.VENDOR_SUSPENDED,
        Kind.REQUEST_PUBLISHED,
    }


def test_a_vendors_own_kind_is_not_found_for_a_companys_people(api, alice, vera):
    url = f"{URL}request.published/"

    assert api(alice).get(url).status_code == 404
    assert api(alice).patch(url, {"email": "never"}, format="json").status_code == 404
    assert not NotificationPreference.objects.exists()
    assert api(vera).get(url).status_code == 200

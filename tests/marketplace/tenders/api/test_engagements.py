"""Engagements through the API: both parties read them; the company completes or (its owners)
cancels one, and reviews it once completed (`POST engagements/{id}/review/`, 201)."""

import pytest

from marketplace.tenders.models import Engagement, Review
from tests.errors import error, refused_fields

from . import API, ids

pytestmark = pytest.mark.django_db

URL = f"{API}/engagements/"


def detail(engagement, action: str = "") -> str:
    return f"{URL}{engagement.pk}/" + (f"{action}/" if action else "")


def status_of(engagement) -> str:
    engagement.refresh_from_db()
    return engagement.status


# --- Reading ------------------------------------------------------------------------------------


def test_both_parties_and_staff_read_the_engagement(
    api, alice, bob, vera, victor, staff, una, olga, engagement
):
    for user in (alice, bob, vera, victor, staff):
        assert ids(api(user).get(URL)) == [engagement.pk]
        assert api(user).get(detail(engagement)).json()["award_reason"] == "Best plan."
    for user in (una, olga):
        assert ids(api(user).get(URL)) == []
        assert api(user).get(detail(engagement)).status_code == 404
    assert api().get(URL).status_code == 401


def test_the_list_filters_by_status_request_and_vendor(api, alice, engagement, vendor):
    client = api(alice)

    assert ids(client.get(URL, {"status": "active"})) == [engagement.pk]
    assert ids(client.get(URL, {"status": "completed"})) == []
    assert ids(client.get(URL, {"request": engagement.request_id, "vendor": vendor.pk})) == [
        engagement.pk
    ]
    assert set(refused_fields(client.get(URL, {"company": 1}))) == {"company"}


# --- Completing and cancelling ------------------------------------------------------------------


def test_a_member_marks_it_completed_and_the_vendor_sees_it(api, bob, vera, engagement):
    response = api(bob).post(detail(engagement, "complete"))

    assert response.status_code == 200
    assert response.json()["completed_at"] is not None
    assert api(vera).get(detail(engagement)).json()["status"] == "completed"


def test_the_vendor_does_not_complete_and_others_do_not_find_it(api, vera, olga, engagement):
    assert api(vera).post(detail(engagement, "complete")).status_code == 403
    assert api(olga).post(detail(engagement, "complete")).status_code == 404
    assert status_of(engagement) == "active"


def test_only_an_active_engagement_completes(api, bob, completed_engagement):
    response = api(bob).post(detail(completed_engagement, "complete"))

    assert response.status_code == 409
    assert error(response)["code"] == "engagement_not_active"


def test_the_owner_cancels_saying_why(api, alice, engagement):
    response = api(alice).post(detail(engagement, "cancel"), {"reason": "Vendor went quiet."})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["cancellation_reason"]) == ("cancelled", "Vendor went quiet.")


def test_members_and_vendors_may_not_cancel(api, bob, vera, engagement):
    for user in (bob, vera):
        response = api(user).post(detail(engagement, "cancel"), {"reason": "No."})

        assert response.status_code == 403
        assert error(response)["code"] == "owner_only"
    assert status_of(engagement) == "active"


def test_a_cancellation_needs_a_reason_and_an_active_engagement(api, alice, completed_engagement):
    assert refused_fields(api(alice).post(detail(completed_engagement, "cancel"), {"reason": ""}))
    response = api(alice).post(detail(completed_engagement, "cancel"), {"reason": "Late."})

    assert response.status_code == 409
    assert error(response)["code"] == "engagement_not_active"
    assert status_of(completed_engagement) == "completed"


def test_a_cancellation_without_a_reason_is_refused_naming_it(api, alice, engagement):
    assert refused_fields(api(alice).post(detail(engagement, "cancel"), {"reason": " "})) == {
        "reason": ["Say why the engagement is cancelled."]
    }
    assert status_of(engagement) == "active"


# --- Reviewing ----------------------------------------------------------------------------------


def test_the_company_reviews_a_completed_engagement_once(
    api, bob, alice, completed_engagement, vendor
):
    response = api(bob).post(
        detail(completed_engagement, "review"), {"rating": 5, "text": "Great work."}
    )

    assert response.status_code == 201, response.content
    review = Review.objects.get()
    assert response["Location"] == f"http://testserver{API}/reviews/{review.pk}/"
    assert (response.json()["rating"], response.json()["vendor"]) == (5, vendor.pk)
    assert api(bob).get(detail(completed_engagement)).json()["review"] == review.pk
    vendor_body = api().get(f"{API}/vendors/{vendor.pk}/").json()
    assert vendor_body["review_count"] == 1
    assert vendor_body["rating"] == pytest.approx(10 / 3)

    again = api(alice).post(detail(completed_engagement, "review"), {"rating": 1, "text": "Hm."})
    assert again.status_code == 409
    assert error(again)["code"] == "review_exists"
    assert Review.objects.count() == 1


def test_an_active_engagement_is_not_reviewed_yet(api, bob, engagement):
    response = api(bob).post(detail(engagement, "review"), {"rating": 5, "text": "Great."})

    assert response.status_code == 409
    assert error(response)["code"] == "engagement_not_completed"
    assert not Review.objects.exists()


def test_the_vendor_does_not_review_itself(api, vera, completed_engagement):
    response = api(vera).post(detail(completed_engagement, "review"), {"rating": 5, "text": "Us!"})

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_a_review_is_a_rating_from_1_to_5_and_some_words(api, bob, completed_engagement):
    url = detail(completed_engagement, "review")

    assert set(refused_fields(api(bob).post(url, {"rating": 6, "text": "Great."}))) == {"rating"}
    assert set(refused_fields(api(bob).post(url, {"rating": 0, "text": "Great."}))) == {"rating"}
    assert refused_fields(api(bob).post(url, {"rating": 4, "text": " "})) == {
        "text": ["Write what the work was like."]
    }
    assert not Review.objects.exists()
    assert Engagement.objects.get().vendor.review_count == 0

"""Reviews through the API: public wherever their vendor is (`GET reviews/`, filtered by
`vendor`); the reviewed vendor replies once (`POST reviews/{id}/reply/`)."""

import pytest

from tests.errors import error, refused_fields

from . import API, ids, suspend

pytestmark = pytest.mark.django_db

URL = f"{API}/reviews/"
FIELDS = {
    "id",
    "engagement",
    "vendor",
    "vendor_name",
    "company",
    "company_name",
    "rating",
    "text",
    "reply",
    "replied_at",
    "created_at",
    "updated_at",
}


def reply_url(review) -> str:
    return f"{URL}{review.pk}/reply/"


def test_anyone_reads_the_reviews_of_a_public_vendor(api, review, vendor, other_vendor):
    body = api().get(URL).json()

    assert [row["id"] for row in body["results"]] == [review.pk]
    row = body["results"][0]
    assert set(row) == FIELDS
    assert (row["rating"], row["text"], row["reply"]) == (4, "Delivered on time.", "")
    assert (row["vendor_name"], row["company_name"]) == ("Maple Odds", "Operadora Azteca")
    assert api().get(f"{URL}{review.pk}/").json()["id"] == review.pk
    assert ids(api().get(URL, {"vendor": vendor.pk})) == [review.pk]
    assert ids(api().get(URL, {"vendor": other_vendor.pk})) == []


def test_the_list_refuses_what_it_does_not_take(api, review):
    assert set(refused_fields(api().get(URL, {"vendor": "maple-odds"}))) == {"vendor"}
    assert set(refused_fields(api().get(URL, {"rating": 5}))) == {"rating"}
    assert ids(api().get(URL, {"ordering": "-rating"})) == [review.pk]


def test_a_suspended_vendors_reviews_leave_the_public_list(api, una, staff, review, vendor):
    suspend(vendor)

    assert ids(api().get(URL)) == []
    assert api(una).get(f"{URL}{review.pk}/").status_code == 404
    assert ids(api(staff).get(URL)) == [review.pk]


def test_the_vendor_replies_once(api, victor, vera, review):
    response = api(victor).post(reply_url(review), {"text": "Gracias."})

    assert response.status_code == 200
    assert response.json()["reply"] == "Gracias."
    assert response.json()["replied_at"] is not None
    again = api(vera).post(reply_url(review), {"text": "Otra vez."})
    assert again.status_code == 409
    assert error(again)["code"] == "review_replied"
    review.refresh_from_db()
    assert review.reply == "Gracias."


def test_only_the_reviewed_vendor_replies(api, alice, una, staff, review):
    for user in (alice, una, staff):
        assert api(user).post(reply_url(review), {"text": "Hm."}).status_code == 403
    assert api().post(reply_url(review), {"text": "Hm."}).status_code == 401
    review.refresh_from_db()
    assert not review.has_reply


def test_a_reply_needs_words(api, vera, review):
    assert refused_fields(api(vera).post(reply_url(review), {"text": ""})) == {
        "text": ["Write your reply."]
    }
    assert set(refused_fields(api(vera).post(reply_url(review), {"text": "x" * 5001}))) == {"text"}

"""Bid invitations through the API: the company invites (`POST requests/{id}/bid-invitations/`),
both sides list them, the vendor accepts or declines; refusals change nothing."""

import pytest

from marketplace.events.models import Event
from marketplace.tenders.models import BidInvitation
from tests.errors import error, field_codes, refused_fields
from tests.factories import OutsourcingRequestFactory, VendorFactory

from . import API, ids, past_due, suspend

pytestmark = pytest.mark.django_db

LIST = f"{API}/bid-invitations/"
FIELDS = {
    "id",
    "request",
    "request_title",
    "vendor",
    "vendor_name",
    "status",
    "decline_reason",
    "responded_at",
    "created_at",
    "updated_at",
}


def invite_url(outsourcing_request) -> str:
    return f"{API}/requests/{outsourcing_request.pk}/bid-invitations/"


def action_url(invitation, action: str) -> str:
    return f"{LIST}{invitation.pk}/{action}/"


# --- Inviting -----------------------------------------------------------------------------------


def test_a_member_invites_a_vendor_and_gets_its_address(api, bob, outsourcing_request, vendor):
    response = api(bob).post(invite_url(outsourcing_request), {"vendor": vendor.pk})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == FIELDS
    invitation = BidInvitation.objects.get()
    assert body["id"] == invitation.pk
    assert response["Location"] == f"http://testserver{LIST}{invitation.pk}/"
    assert (body["request"], body["vendor"]) == (outsourcing_request.pk, vendor.pk)
    assert (body["vendor_name"], body["status"]) == ("Maple Odds", "pending")
    assert body["responded_at"] is None
    assert invitation.invited_by == bob
    assert Event.objects.get().kind == Event.Kind.BID_INVITATION_SENT


def test_an_invited_vendor_sees_the_request_but_may_not_invite(
    api, vera, bid_invitation, other_vendor
):
    response = api(vera).post(invite_url(bid_invitation.request), {"vendor": other_vendor.pk})

    assert response.status_code == 403
    assert error(response)["code"] == "permission_denied"
    assert BidInvitation.objects.count() == 1


def test_another_company_does_not_find_the_request(api, olga, outsourcing_request, vendor):
    response = api(olga).post(invite_url(outsourcing_request), {"vendor": vendor.pk})

    assert response.status_code == 404
    assert not BidInvitation.objects.exists()


def test_inviting_a_vendor_twice_is_a_conflict(api, bob, bid_invitation, vendor):
    response = api(bob).post(invite_url(bid_invitation.request), {"vendor": vendor.pk})

    assert response.status_code == 409
    assert error(response)["code"] == "already_invited"
    assert BidInvitation.objects.count() == 1


def test_the_vendor_must_be_one_the_company_can_see(api, bob, outsourcing_request, pending_vendor):
    for vendor in (pending_vendor.pk, 999_999, "maple-odds"):
        response = api(bob).post(invite_url(outsourcing_request), {"vendor": vendor})

        assert set(refused_fields(response)) == {"vendor"}
    assert field_codes(response) == {"vendor": ["incorrect_type"]}
    assert not BidInvitation.objects.exists()


def test_a_vendor_missing_the_requests_constraints_is_refused_saying_which(
    api, bob, outsourcing_request
):
    french_only = VendorFactory(name="Québec Odds", speaks_en=False, speaks_fr=True)

    response = api(bob).post(invite_url(outsourcing_request), {"vendor": french_only.pk})

    assert "no shared working language" in refused_fields(response)["vendor"][0]
    assert not BidInvitation.objects.exists()


def test_inviting_after_proposals_are_due_is_a_conflict(api, bob, outsourcing_request, vendor):
    past_due(outsourcing_request)

    response = api(bob).post(invite_url(outsourcing_request), {"vendor": vendor.pk})

    assert response.status_code == 409
    assert error(response)["code"] == "proposals_closed"


def test_a_draft_takes_no_invitations(api, bob, company, vendor):
    draft = OutsourcingRequestFactory(company=company, speaks_en=True)

    response = api(bob).post(invite_url(draft), {"vendor": vendor.pk})

    assert response.status_code == 409
    assert error(response)["code"] == "request_not_published"


def test_a_retried_invitation_with_its_key_invites_once(api, bob, outsourcing_request, vendor):
    client = api(bob)
    headers = {"Idempotency-Key": "invite-maple-odds"}

    first = client.post(invite_url(outsourcing_request), {"vendor": vendor.pk}, headers=headers)
    again = client.post(invite_url(outsourcing_request), {"vendor": vendor.pk}, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert BidInvitation.objects.count() == 1


# --- Listing ------------------------------------------------------------------------------------


def test_each_side_lists_its_own_invitations(
    api, alice, vera, una, olga, staff, bid_invitation, other_vendor
):
    theirs = BidInvitation.objects.create(request=bid_invitation.request, vendor=other_vendor)

    assert set(ids(api(alice).get(LIST))) == {bid_invitation.pk, theirs.pk}
    assert ids(api(vera).get(LIST)) == [bid_invitation.pk]
    assert ids(api(una).get(LIST)) == [theirs.pk]
    assert ids(api(olga).get(LIST)) == []
    assert set(ids(api(staff).get(LIST))) == {bid_invitation.pk, theirs.pk}
    assert api().get(LIST).status_code == 401


def test_the_requests_invitations_are_the_companys_and_an_invited_vendors_own(
    api, bob, vera, olga, bid_invitation, other_vendor
):
    theirs = BidInvitation.objects.create(request=bid_invitation.request, vendor=other_vendor)
    url = invite_url(bid_invitation.request)

    assert set(ids(api(bob).get(url))) == {bid_invitation.pk, theirs.pk}
    assert ids(api(vera).get(url)) == [bid_invitation.pk]
    assert api(olga).get(url).status_code == 404


def test_the_list_filters_by_status_request_and_vendor(
    api, alice, bid_invitation, other_vendor, vera
):
    theirs = BidInvitation.objects.create(request=bid_invitation.request, vendor=other_vendor)
    api(vera).post(action_url(bid_invitation, "accept"))
    client = api(alice)

    assert ids(client.get(LIST, {"status": "accepted"})) == [bid_invitation.pk]
    assert ids(client.get(LIST, {"vendor": other_vendor.pk})) == [theirs.pk]
    assert len(ids(client.get(LIST, {"request": bid_invitation.request_id}))) == 2
    assert ids(client.get(LIST, {"request": 999_999})) == []
    assert ids(client.get(invite_url(bid_invitation.request), {"status": "pending"})) == [theirs.pk]


def test_the_list_refuses_what_it_does_not_take(api, alice, bid_invitation):
    client = api(alice)

    assert set(refused_fields(client.get(LIST, {"request": "abc"}))) == {"request"}
    assert set(refused_fields(client.get(LIST, {"status": "lost"}))) == {"status"}
    assert set(refused_fields(client.get(LIST, {"sector": "igaming"}))) == {"sector"}
    assert set(refused_fields(client.get(invite_url(bid_invitation.request), {"request": 1}))) == {
        "request"
    }


def test_an_invitation_is_read_by_both_sides_only(api, alice, vera, una, bid_invitation):
    url = f"{LIST}{bid_invitation.pk}/"

    assert api(alice).get(url).json()["id"] == bid_invitation.pk
    assert set(api(vera).get(url).json()) == FIELDS
    assert api(una).get(url).status_code == 404


# --- Answering ----------------------------------------------------------------------------------


def test_the_vendor_accepts(api, victor, bid_invitation):
    response = api(victor).post(action_url(bid_invitation, "accept"))

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.json()["responded_at"] is not None
    bid_invitation.refresh_from_db()
    assert bid_invitation.responded_by == victor


def test_the_vendor_declines_saying_why(api, vera, bid_invitation):
    response = api(vera).post(action_url(bid_invitation, "decline"), {"reason": " Fully booked. "})

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "Fully booked."


def test_a_reason_is_optional_but_bounded(api, vera, bid_invitation):
    too_long = api(vera).post(action_url(bid_invitation, "decline"), {"reason": "x" * 5001})
    assert set(refused_fields(too_long)) == {"reason"}
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_pending

    assert api(vera).post(action_url(bid_invitation, "decline")).json()["decline_reason"] == ""


def test_an_invitation_is_answered_once(api, vera, bid_invitation):
    api(vera).post(action_url(bid_invitation, "decline"))

    response = api(vera).post(action_url(bid_invitation, "accept"))

    assert response.status_code == 409
    assert error(response)["code"] == "bid_invitation_answered"
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_declined


def test_the_company_and_staff_do_not_answer_for_the_vendor(api, alice, staff, bid_invitation):
    for user in (alice, staff):
        response = api(user).post(action_url(bid_invitation, "accept"))

        assert response.status_code == 403
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_pending


def test_another_vendor_does_not_find_the_invitation(api, una, bid_invitation):
    assert api(una).post(action_url(bid_invitation, "decline")).status_code == 404


def test_a_suspended_vendor_cannot_accept(api, vera, bid_invitation, vendor):
    suspend(vendor)

    response = api(vera).post(action_url(bid_invitation, "accept"))

    assert response.status_code == 403
    assert error(response)["code"] == "vendor_not_approved"
    bid_invitation.refresh_from_db()
    assert bid_invitation.is_pending


def test_accepting_after_proposals_are_due_is_a_conflict(api, vera, bid_invitation):
    past_due(bid_invitation.request)

    response = api(vera).post(action_url(bid_invitation, "accept"))

    assert response.status_code == 409
    assert error(response)["code"] == "proposals_closed"
    assert "due on" in error(response)["message"]

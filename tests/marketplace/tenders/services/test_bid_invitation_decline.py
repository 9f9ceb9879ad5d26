"""bid_invitation_decline: a member of the invited vendor says no, with an optional reason the
company reads, once, while the request is published (after the deadline too)."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation
from marketplace.tenders.selectors import vendor_may_take_part
from marketplace.tenders.services import bid_invitation_accept, bid_invitation_decline

from .. import concerns, conflict, forbidden, past_due, set_request, suspend, the_event


def test_a_member_of_the_vendor_declines_with_a_reason(bid_invitation, vendor, victor):
    declined = bid_invitation_decline(
        actor=victor, bid_invitation=bid_invitation, reason="  Sin equipo libre.  "
    )

    assert declined.status == BidInvitation.Status.DECLINED
    assert declined.decline_reason == "Sin equipo libre."
    assert declined.responded_by == victor
    assert declined.responded_at is not None
    assert not vendor_may_take_part(vendor=vendor, outsourcing_request=bid_invitation.request)
    event = the_event(Event.Kind.BID_INVITATION_DECLINED)
    assert event.actor == victor
    assert event.data == {"bid_invitation": bid_invitation.pk}
    assert concerns(event) == ({bid_invitation.request.company}, {vendor})


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_the_reason_is_optional(bid_invitation, vera, reason):
    declined = bid_invitation_decline(actor=vera, bid_invitation=bid_invitation, reason=reason)

    assert declined.status == BidInvitation.Status.DECLINED
    assert declined.decline_reason == ""


def test_declining_after_the_deadline_still_tells_the_company(bid_invitation, vera):
    past_due(bid_invitation.request)

    declined = bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)

    assert declined.status == BidInvitation.Status.DECLINED


def test_a_suspended_vendor_may_still_decline(bid_invitation, vendor, vera):
    """Stepping out needs no approval; it tells the company not to wait."""
    suspend(vendor)

    declined = bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)

    assert declined.status == BidInvitation.Status.DECLINED


@pytest.mark.parametrize("who", ["una", "alice", "bob", "olga", "staff", "charlie"])
def test_only_the_invited_vendor_declines(request, bid_invitation, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        bid_invitation_decline(actor=actor, bid_invitation=bid_invitation, reason="No.")


def test_an_invitation_is_declined_once(bid_invitation, vera, victor):
    bid_invitation_decline(actor=vera, bid_invitation=bid_invitation, reason="No.")

    with conflict("bid_invitation_answered"):
        bid_invitation_decline(actor=victor, bid_invitation=bid_invitation, reason="Tampoco.")


def test_an_accepted_invitation_cannot_be_declined(bid_invitation, vera):
    bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)

    with conflict("bid_invitation_answered"):
        bid_invitation_decline(actor=vera, bid_invitation=bid_invitation, reason="Cambio.")


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_no_declining_on_a_closed_request(bid_invitation, vera, status):
    set_request(bid_invitation.request, status=status)

    with conflict("request_closed"):
        bid_invitation_decline(actor=vera, bid_invitation=bid_invitation)

"""bid_invitation_accept: a member of the invited (approved) vendor says it will propose, once,
on a published request whose proposals are not yet due."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation
from marketplace.tenders.services import bid_invitation_accept, bid_invitation_decline

from .. import concerns, conflict, forbidden, past_due, set_request, suspend, the_event


@pytest.mark.parametrize("who", ["vera", "victor"])
def test_a_member_of_the_vendor_accepts_and_the_company_is_told(request, bid_invitation, who):
    actor = request.getfixturevalue(who)

    accepted = bid_invitation_accept(actor=actor, bid_invitation=bid_invitation)

    assert accepted.status == BidInvitation.Status.ACCEPTED
    assert accepted.responded_by == actor
    assert accepted.responded_at is not None
    event = the_event(Event.Kind.BID_INVITATION_ACCEPTED)
    assert event.actor == actor
    assert event.data == {"bid_invitation": bid_invitation.pk}
    assert concerns(event) == ({bid_invitation.request.company}, {bid_invitation.vendor})


@pytest.mark.parametrize("who", ["una", "alice", "bob", "olga", "staff", "charlie"])
def test_only_the_invited_vendor_accepts(request, bid_invitation, who):
    """Not another vendor, not the company, and not staff: a vendor speaks for itself."""
    actor = request.getfixturevalue(who)

    with forbidden():
        bid_invitation_accept(actor=actor, bid_invitation=bid_invitation)


def test_a_suspended_vendor_cannot_accept(bid_invitation, vendor, vera):
    """It could not propose, so it must not say it will."""
    suspend(vendor)

    with forbidden("vendor_not_approved"):
        bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)


def test_an_invitation_is_accepted_once(bid_invitation, vera, victor):
    bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)

    with conflict("bid_invitation_answered"):
        bid_invitation_accept(actor=victor, bid_invitation=bid_invitation)


def test_a_declined_invitation_cannot_be_accepted(bid_invitation, vera):
    bid_invitation_decline(actor=vera, bid_invitation=bid_invitation, reason="Sin equipo.")

    with conflict("bid_invitation_answered"):
        bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)


def test_no_accepting_once_proposals_are_due(bid_invitation, vera):
    past_due(bid_invitation.request)

    with conflict("proposals_closed"):
        bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_no_accepting_on_a_closed_request(bid_invitation, vera, status):
    set_request(bid_invitation.request, status=status)

    with conflict("request_closed"):
        bid_invitation_accept(actor=vera, bid_invitation=bid_invitation)

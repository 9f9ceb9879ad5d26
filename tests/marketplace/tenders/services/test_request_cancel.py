"""request_cancel: a company owner cancels a draft or published request with a reason; every
live proposal is marked, and every invited vendor and proposer is told why."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Proposal
from marketplace.tenders.services import request_cancel
from tests.factories import BidInvitationFactory, ProposalFactory, VendorFactory

from .. import concerns, conflict, forbidden, invalid, past_due, set_request, the_event

REASON = "El regulador pospuso la licencia."


def test_the_owner_cancels_and_every_live_proposal_is_told_why(
    proposal, other_vendor, vendor, alice
):
    request = proposal.request
    shortlisted = ProposalFactory(
        request=request, vendor=other_vendor, status=Proposal.Status.SHORTLISTED
    )
    withdrawn = ProposalFactory(request=request, status=Proposal.Status.WITHDRAWN)

    cancelled = request_cancel(actor=alice, outsourcing_request=request, reason=f" {REASON} ")

    assert cancelled.status == OutsourcingRequest.Status.CANCELLED
    assert cancelled.cancellation_reason == REASON
    assert cancelled.closed_at is not None
    for live in (proposal, shortlisted):
        live.refresh_from_db()
        assert live.status == Proposal.Status.REQUEST_CANCELLED
        assert live.outcome_reason == REASON
    withdrawn.refresh_from_db()
    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert withdrawn.outcome_reason == ""


def test_every_invited_vendor_and_proposer_is_told_but_not_those_that_declined(
    bid_invitation, vendor, alice
):
    request = bid_invitation.request
    proposer = ProposalFactory(request=request, vendor=VendorFactory(name="Open")).vendor
    BidInvitationFactory(
        request=request, vendor=VendorFactory(name="Declinio"), status=BidInvitation.Status.DECLINED
    )
    VendorFactory(name="Stranger")

    request_cancel(actor=alice, outsourcing_request=request, reason=REASON)

    event = the_event(Event.Kind.REQUEST_CANCELLED)
    assert event.actor == alice
    assert event.request == request
    assert event.data == {}
    assert concerns(event) == ({request.company}, {vendor, proposer})


def test_a_draft_can_be_cancelled_and_nobody_else_is_told(draft_request, alice):
    cancelled = request_cancel(actor=alice, outsourcing_request=draft_request, reason=REASON)

    assert cancelled.is_cancelled
    assert concerns(the_event(Event.Kind.REQUEST_CANCELLED)) == ({draft_request.company}, set())


def test_a_request_can_be_cancelled_after_proposals_are_due(proposal, alice):
    past_due(proposal.request)

    assert request_cancel(actor=alice, outsourcing_request=proposal.request, reason=REASON)


@pytest.mark.parametrize("who", ["bob", "staff", "olga", "vera", "una", "charlie"])
def test_only_the_companys_owners_cancel(request, proposal, who):
    actor = request.getfixturevalue(who)

    with forbidden("owner_only"):
        request_cancel(actor=actor, outsourcing_request=proposal.request, reason=REASON)


@pytest.mark.parametrize("reason", ["", " ", None])
def test_a_cancellation_needs_a_reason(proposal, alice, reason):
    with invalid("reason"):
        request_cancel(actor=alice, outsourcing_request=proposal.request, reason=reason)


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_cannot_be_cancelled(outsourcing_request, alice, status):
    set_request(outsourcing_request, status=status)

    with conflict("request_closed"):
        request_cancel(actor=alice, outsourcing_request=outsourcing_request, reason=REASON)


def test_a_missing_reason_is_reported_before_the_requests_state(outsourcing_request, alice):
    set_request(outsourcing_request, status=OutsourcingRequest.Status.CANCELLED)

    with invalid("reason"):
        request_cancel(actor=alice, outsourcing_request=outsourcing_request, reason="")


def test_a_reason_over_the_limit_is_refused_and_nothing_is_cancelled(proposal, alice):
    with invalid("reason"):
        request_cancel(actor=alice, outsourcing_request=proposal.request, reason="x" * 5001)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.request.status == OutsourcingRequest.Status.PUBLISHED

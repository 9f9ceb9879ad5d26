"""proposal_withdraw: a member of the proposing vendor takes a live proposal back before
proposals are due; it stays as history."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import Proposal
from marketplace.tenders.services import proposal_withdraw

from .. import concerns, conflict, forbidden, past_due, set_request, the_event


@pytest.mark.parametrize("who", ["vera", "victor"])
def test_a_member_of_the_vendor_withdraws_and_the_company_is_told(request, proposal, who):
    actor = request.getfixturevalue(who)

    withdrawn = proposal_withdraw(actor=actor, proposal=proposal)

    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert Proposal.objects.filter(pk=proposal.pk).exists()
    event = the_event(Event.Kind.PROPOSAL_WITHDRAWN)
    assert event.actor == actor
    assert event.data == {"proposal": proposal.pk}
    assert concerns(event) == ({proposal.request.company}, {proposal.vendor})


def test_a_shortlisted_proposal_can_be_withdrawn(proposal, vera):
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.SHORTLISTED)

    assert proposal_withdraw(actor=vera, proposal=proposal).is_withdrawn


@pytest.mark.parametrize("who", ["una", "alice", "bob", "olga", "staff", "charlie"])
def test_only_the_proposing_vendor_withdraws(request, proposal, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        proposal_withdraw(actor=actor, proposal=proposal)


def test_a_proposal_is_withdrawn_once(proposal, vera, victor):
    proposal_withdraw(actor=vera, proposal=proposal)

    with conflict("proposal_not_live"):
        proposal_withdraw(actor=victor, proposal=proposal)


def test_no_withdrawing_once_proposals_are_due(proposal, vera):
    """The company compares what was on the table at the deadline."""
    past_due(proposal.request)

    with conflict("proposals_closed"):
        proposal_withdraw(actor=vera, proposal=proposal)


def test_an_awarded_proposal_cannot_be_withdrawn(engagement, vera):
    with conflict("request_closed"):
        proposal_withdraw(actor=vera, proposal=engagement.proposal)


@pytest.mark.parametrize(
    ("request_status", "proposal_status"),
    [
        (OutsourcingRequest.Status.AWARDED, Proposal.Status.NOT_AWARDED),
        (OutsourcingRequest.Status.CANCELLED, Proposal.Status.REQUEST_CANCELLED),
    ],
)
def test_no_withdrawing_once_the_request_is_closed(proposal, vera, request_status, proposal_status):
    set_request(proposal.request, status=request_status)
    Proposal.objects.filter(pk=proposal.pk).update(status=proposal_status)

    with conflict("request_closed"):
        proposal_withdraw(actor=vera, proposal=proposal)

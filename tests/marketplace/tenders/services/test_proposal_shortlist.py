"""proposal_shortlist: a company member (or staff) marks a submitted proposal to compare
closely, while the request is published (after the deadline too); the vendor is told."""

import pytest

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import Proposal
from marketplace.tenders.services import proposal_shortlist

from .. import concerns, conflict, forbidden, past_due, set_request, the_event


@pytest.mark.parametrize("who", ["alice", "bob", "staff"])
def test_the_company_shortlists_and_the_vendor_is_told(request, proposal, who):
    actor = request.getfixturevalue(who)

    shortlisted = proposal_shortlist(actor=actor, proposal=proposal)

    assert shortlisted.status == Proposal.Status.SHORTLISTED
    assert shortlisted.shortlisted_at is not None
    event = the_event(Event.Kind.PROPOSAL_SHORTLISTED)
    assert event.actor == actor
    assert event.data == {"proposal": proposal.pk}
    assert concerns(event) == ({proposal.request.company}, {proposal.vendor})


def test_shortlisting_goes_on_after_the_deadline(proposal, bob):
    past_due(proposal.request)

    assert proposal_shortlist(actor=bob, proposal=proposal).is_shortlisted


@pytest.mark.parametrize("who", ["olga", "vera", "victor", "una", "charlie"])
def test_only_the_company_shortlists(request, proposal, who):
    actor = request.getfixturevalue(who)

    with forbidden():
        proposal_shortlist(actor=actor, proposal=proposal)


def test_a_proposal_is_shortlisted_once(proposal, alice, bob):
    proposal_shortlist(actor=alice, proposal=proposal)

    with conflict("proposal_not_submitted"):
        proposal_shortlist(actor=bob, proposal=proposal)


def test_a_withdrawn_proposal_cannot_be_shortlisted(proposal, bob):
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.WITHDRAWN)

    with conflict("proposal_not_submitted"):
        proposal_shortlist(actor=bob, proposal=proposal)


@pytest.mark.parametrize(
    ("request_status", "proposal_status"),
    [
        (OutsourcingRequest.Status.AWARDED, Proposal.Status.AWARDED),
        (OutsourcingRequest.Status.AWARDED, Proposal.Status.NOT_AWARDED),
        (OutsourcingRequest.Status.CANCELLED, Proposal.Status.REQUEST_CANCELLED),
    ],
)
def test_nothing_is_shortlisted_on_a_closed_request(proposal, bob, request_status, proposal_status):
    set_request(proposal.request, status=request_status)
    Proposal.objects.filter(pk=proposal.pk).update(status=proposal_status)

    with conflict("request_closed"):
        proposal_shortlist(actor=bob, proposal=proposal)

"""request_award: a company owner awards one live proposal with a reason, once proposals are
due (or earlier on a request by invitation when no invited vendor is still expected). The
request is awarded, an engagement starts, the other live proposals are not awarded, and every
vendor that took part is told why."""

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Engagement, Proposal
from marketplace.tenders.services import request_award
from tests.factories import (
    BidInvitationFactory,
    OutsourcingRequestFactory,
    ProposalFactory,
    VendorFactory,
)

from .. import concerns, conflict, forbidden, invalid, past_due, set_request, suspend, the_event

REASON = "The only plan with a live odds feed in eight weeks."


@pytest.fixture
def rival(outsourcing_request, other_vendor):
    """Northern Lights, invited too, proposed for less."""
    BidInvitationFactory(
        request=outsourcing_request, vendor=other_vendor, status=BidInvitation.Status.ACCEPTED
    )
    return ProposalFactory(
        request=outsourcing_request, vendor=other_vendor, price=Decimal("1100000")
    )


@pytest.fixture
def tender(proposal, rival):
    """Maple Odds and Northern Lights proposed; Declinio declined; Retiro proposed and withdrew;
    Stranger was never invited. Proposals are due."""
    request = proposal.request
    BidInvitationFactory(
        request=request, vendor=VendorFactory(name="Declinio"), status=BidInvitation.Status.DECLINED
    )
    retiro = VendorFactory(name="Retiro")
    BidInvitationFactory(request=request, vendor=retiro, status=BidInvitation.Status.ACCEPTED)
    ProposalFactory(request=request, vendor=retiro, status=Proposal.Status.WITHDRAWN)
    VendorFactory(name="Stranger")
    past_due(request)
    return request


def award(actor, proposal, reason=REASON):
    return request_award(
        actor=actor, outsourcing_request=proposal.request, proposal=proposal, reason=reason
    )


def test_the_owner_awards_and_an_engagement_starts(tender, proposal, vendor, alice):
    engagement = award(alice, proposal, reason=f"  {REASON}\n")

    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.request == tender
    assert engagement.proposal == proposal
    assert engagement.company == tender.company
    assert engagement.vendor == vendor
    assert engagement.award_reason == REASON
    assert engagement.awarded_by == alice
    tender.refresh_from_db()
    assert tender.status == OutsourcingRequest.Status.AWARDED
    assert tender.closed_at is not None
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AWARDED
    assert proposal.outcome_reason == REASON


def test_every_other_live_proposal_loses_with_the_reason(tender, proposal, rival, alice):
    award(alice, proposal)

    rival.refresh_from_db()
    assert rival.status == Proposal.Status.NOT_AWARDED
    assert rival.outcome_reason == REASON
    withdrawn = Proposal.objects.get(vendor__name="Retiro")
    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert withdrawn.outcome_reason == ""


def test_every_vendor_that_took_part_is_told_but_not_those_that_declined(
    tender, proposal, vendor, other_vendor, alice
):
    engagement = award(alice, proposal)

    event = the_event(Event.Kind.REQUEST_AWARDED)
    assert event.actor == alice
    assert event.request == tender
    assert event.data == {"proposal": proposal.pk, "engagement": engagement.pk}
    companies, vendors = concerns(event)
    assert companies == {tender.company}
    assert {v.name for v in vendors} == {"Maple Odds", "Northern Lights", "Retiro"}
    assert Event.objects.count() == 1


def test_a_shortlisted_proposal_wins_and_a_shortlisted_rival_loses(tender, proposal, rival, alice):
    Proposal.objects.filter(pk__in=[proposal.pk, rival.pk]).update(
        status=Proposal.Status.SHORTLISTED
    )

    award(alice, proposal)

    assert set(Proposal.objects.values_list("vendor__name", "status")) == {
        ("Maple Odds", Proposal.Status.AWARDED),
        ("Northern Lights", Proposal.Status.NOT_AWARDED),
        ("Retiro", Proposal.Status.WITHDRAWN),
    }


@pytest.mark.parametrize("who", ["bob", "staff", "olga", "vera", "victor", "una", "charlie"])
def test_only_the_companys_owners_award(request, tender, proposal, who):
    """A member, staff, another company's owner or a vendor acting for the company: 403."""
    actor = request.getfixturevalue(who)

    with forbidden("owner_only"):
        award(actor, proposal)


def test_a_member_is_refused_before_the_reason_is_read(tender, proposal, bob):
    with forbidden("owner_only"):
        award(bob, proposal, reason="")


@pytest.mark.parametrize("reason", ["", "  \n", None])
def test_an_award_needs_a_reason(tender, proposal, alice, reason):
    with invalid("reason"):
        award(alice, proposal, reason=reason)


def test_a_reason_over_the_limit_is_refused_before_anything_changes(tender, proposal, alice):
    with invalid("reason"):
        award(alice, proposal, reason="x" * 5001)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_proposal_for_another_request_is_refused(tender, alice, vendor, company):
    elsewhere = ProposalFactory(
        request=OutsourcingRequestFactory(
            company=company, status=OutsourcingRequest.Status.PUBLISHED
        ),
        vendor=vendor,
    )

    with invalid("proposal"):
        request_award(actor=alice, outsourcing_request=tender, proposal=elsewhere, reason=REASON)


def test_a_draft_cannot_be_awarded(draft_request, vendor, alice):
    draft_proposal = ProposalFactory(request=draft_request, vendor=vendor)

    with conflict("request_not_published"):
        award(alice, draft_proposal)


def test_a_cancelled_request_cannot_be_awarded(tender, proposal, alice):
    set_request(tender, status=OutsourcingRequest.Status.CANCELLED)

    with conflict("request_closed"):
        award(alice, proposal)


def test_a_request_is_awarded_once(tender, proposal, rival, alice):
    award(alice, proposal)

    with conflict("request_already_awarded"):
        award(alice, rival)


def test_a_withdrawn_proposal_cannot_win(tender, alice):
    withdrawn = Proposal.objects.get(vendor__name="Retiro")

    with conflict("proposal_not_live") as refusal:
        award(alice, withdrawn)
    assert "withdrawn" in str(refusal.value)


def test_an_open_request_is_awarded_only_once_proposals_are_due(open_request, alice):
    early = ProposalFactory(request=open_request)

    with conflict("award_before_deadline"):
        award(alice, early)

    past_due(open_request)
    assert award(alice, early).is_active


def test_before_the_deadline_a_pending_invitee_is_still_waited_for(proposal, rival, alice):
    BidInvitationFactory(request=proposal.request, vendor=VendorFactory(name="Lento"))

    with conflict("award_before_deadline"):
        award(alice, proposal)


def test_before_the_deadline_an_invitee_that_accepted_but_has_not_proposed_is_waited_for(
    proposal, rival, alice
):
    BidInvitationFactory(
        request=proposal.request,
        vendor=VendorFactory(name="Lento"),
        status=BidInvitation.Status.ACCEPTED,
    )

    with conflict("award_before_deadline"):
        award(alice, proposal)


def test_before_the_deadline_an_invitee_that_withdrew_is_waited_for(proposal, rival, alice):
    """It may still propose again."""
    Proposal.objects.filter(pk=rival.pk).update(status=Proposal.Status.WITHDRAWN)

    with conflict("award_before_deadline"):
        award(alice, proposal)


def test_before_the_deadline_an_award_is_allowed_once_every_invitee_answered(
    proposal, rival, alice
):
    """Everyone invited either proposed or declined: nobody is cut out by awarding now."""
    BidInvitationFactory(
        request=proposal.request,
        vendor=VendorFactory(name="Declinio"),
        status=BidInvitation.Status.DECLINED,
    )

    engagement = award(alice, proposal)

    assert engagement.is_active
    assert engagement.request.proposals_due > timezone.now()


def test_before_the_deadline_a_suspended_invitee_is_not_waited_for(proposal, rival, alice):
    """It can no longer propose, so waiting for it would only hold the award back."""
    suspended = BidInvitationFactory(request=proposal.request, vendor=VendorFactory(name="Lento"))
    suspend(suspended.vendor)

    assert award(alice, proposal).is_active


def test_a_missing_reason_is_reported_before_the_requests_state(tender, proposal, rival, alice):
    award(alice, rival)

    with invalid("reason"):
        award(alice, proposal, reason="")

"""proposal_submit: a member of a vendor taking part proposes on a published request before
proposals are due — one live proposal per vendor, withdrawn ones kept as history — and
proposing answers a pending invitation as accepted."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest
from marketplace.tenders.models import BidInvitation, Proposal
from marketplace.tenders.services import proposal_submit, proposal_withdraw
from tests.factories import MembershipFactory, UserFactory, VendorFactory, certification

from .. import concerns, conflict, forbidden, invalid, past_due, set_request, suspend, the_event


def test_an_invited_vendor_proposes_and_its_invitation_is_accepted(
    bid_invitation, vendor, victor, proposal_terms
):
    proposal = proposal_submit(
        actor=victor, outsourcing_request=bid_invitation.request, **proposal_terms
    )

    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.vendor == vendor
    assert proposal.submitted_by == victor
    assert proposal.price == Decimal("1500000.00")
    assert proposal.milestones == proposal_terms["milestones"]
    bid_invitation.refresh_from_db()
    assert bid_invitation.status == BidInvitation.Status.ACCEPTED
    assert bid_invitation.responded_by == victor
    assert bid_invitation.responded_at is not None
    submitted = the_event(Event.Kind.PROPOSAL_SUBMITTED)
    assert submitted.actor == victor
    assert submitted.data == {"proposal": proposal.pk}
    assert concerns(submitted) == ({bid_invitation.request.company}, {vendor})
    accepted = the_event(Event.Kind.BID_INVITATION_ACCEPTED)
    assert accepted.data == {"bid_invitation": bid_invitation.pk}
    assert concerns(accepted) == ({bid_invitation.request.company}, {vendor})


def test_an_invitation_already_accepted_is_left_as_it_was(bid_invitation, vera, proposal_terms):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=BidInvitation.Status.ACCEPTED)

    proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)

    bid_invitation.refresh_from_db()
    assert bid_invitation.responded_by is None
    assert not Event.objects.filter(kind=Event.Kind.BID_INVITATION_ACCEPTED).exists()


def test_a_qualified_vendor_proposes_on_an_open_request_without_an_invitation(
    open_request, other_vendor, una, proposal_terms
):
    proposal = proposal_submit(actor=una, outsourcing_request=open_request, **proposal_terms)

    assert proposal.vendor == other_vendor
    assert not open_request.bid_invitations.exists()
    assert Event.objects.count() == 1


def test_milestones_are_optional(bid_invitation, vera, proposal_terms):
    terms = {**proposal_terms, "milestones": ()}

    proposal = proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **terms)

    assert proposal.milestones == []


def test_withdrawing_and_proposing_again_keeps_the_history(
    bid_invitation, vendor, vera, victor, proposal_terms
):
    first = proposal_submit(
        actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms
    )
    proposal_withdraw(actor=vera, proposal=first)

    second = proposal_submit(
        actor=victor,
        outsourcing_request=bid_invitation.request,
        **{**proposal_terms, "price": Decimal("1200000")},
    )

    first.refresh_from_db()
    assert first.status == Proposal.Status.WITHDRAWN
    assert second.status == Proposal.Status.SUBMITTED
    assert list(vendor.proposals.order_by("pk")) == [first, second]
    assert Event.objects.filter(kind=Event.Kind.PROPOSAL_SUBMITTED).count() == 2


def test_a_second_proposal_is_refused_while_the_first_is_live(
    bid_invitation, vera, victor, proposal_terms
):
    proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)

    with conflict("proposal_exists"):
        proposal_submit(actor=victor, outsourcing_request=bid_invitation.request, **proposal_terms)


def test_a_shortlisted_proposal_also_blocks_a_second(proposal, victor, proposal_terms):
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.SHORTLISTED)

    with conflict("proposal_exists"):
        proposal_submit(actor=victor, outsourcing_request=proposal.request, **proposal_terms)


@pytest.mark.parametrize("who", ["alice", "bob", "olga", "staff", "charlie"])
def test_only_vendors_propose(request, bid_invitation, proposal_terms, who):
    actor = request.getfixturevalue(who)

    with forbidden("not_a_vendor_member"):
        proposal_submit(actor=actor, outsourcing_request=bid_invitation.request, **proposal_terms)


def test_an_uninvited_vendor_cannot_propose_on_a_request_by_invitation(
    outsourcing_request, una, proposal_terms
):
    with forbidden("not_taking_part"):
        proposal_submit(actor=una, outsourcing_request=outsourcing_request, **proposal_terms)


def test_a_vendor_that_declined_cannot_propose(bid_invitation, vera, proposal_terms):
    BidInvitation.objects.filter(pk=bid_invitation.pk).update(status=BidInvitation.Status.DECLINED)

    with forbidden("not_taking_part"):
        proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)


def test_an_open_request_refuses_a_vendor_missing_a_required_certification(
    open_request, other_vendor, una, proposal_terms
):
    open_request.required_certifications.set([certification("gli-certified")])

    with forbidden("not_taking_part"):
        proposal_submit(actor=una, outsourcing_request=open_request, **proposal_terms)

    other_vendor.certifications.add(certification("gli-certified"))
    assert proposal_submit(actor=una, outsourcing_request=open_request, **proposal_terms)


def test_an_open_request_refuses_a_vendor_without_a_shared_language(open_request, proposal_terms):
    francophone = VendorFactory(speaks_en=False, speaks_fr=True)
    fabien = MembershipFactory(user=UserFactory(username="fabien"), vendor=francophone).user

    with forbidden("not_taking_part"):
        proposal_submit(actor=fabien, outsourcing_request=open_request, **proposal_terms)


def test_a_suspended_vendor_cannot_propose(bid_invitation, vendor, vera, proposal_terms):
    suspend(vendor)

    with forbidden("vendor_not_approved"):
        proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)


def test_a_pending_vendor_cannot_propose(open_request, pablo, proposal_terms):
    with forbidden("vendor_not_approved"):
        proposal_submit(actor=pablo, outsourcing_request=open_request, **proposal_terms)


def test_a_draft_takes_no_proposals(draft_request, una, proposal_terms):
    with conflict("request_not_published"):
        proposal_submit(actor=una, outsourcing_request=draft_request, **proposal_terms)


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_takes_no_proposals(bid_invitation, vera, proposal_terms, status):
    set_request(bid_invitation.request, status=status)

    with conflict("request_closed"):
        proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)


def test_no_proposals_once_they_are_due(bid_invitation, vera, proposal_terms):
    past_due(bid_invitation.request)

    with conflict("proposals_closed") as refusal:
        proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)
    assert "were due on" in str(refusal.value)


@pytest.mark.parametrize(
    "language, due",
    [
        ("es-mx", "30/11/2025 17:05"),
        ("en", "2025-11-30 17:05"),
        ("fr-ca", "2025-11-30 17\xa0h\xa005"),
    ],
)
def test_the_deadline_it_was_due_reads_in_the_language_of_the_refusal(
    bid_invitation, vera, proposal_terms, language, due
):
    set_request(
        bid_invitation.request,
        proposals_due=datetime(2025, 11, 30, 23, 5, tzinfo=UTC),  # 17:05 in Mexico City
        questions_due=None,
    )

    with translation.override(language), conflict("proposals_closed") as refusal:
        proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **proposal_terms)
    assert due in str(refusal.value)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"price": 0}, "price"),
        ({"price": Decimal("-5")}, "price"),
        ({"price": None}, "price"),
        ({"currency": "EUR"}, "currency"),
        ({"duration_weeks": 0}, "duration_weeks"),
        ({"duration_weeks": 261}, "duration_weeks"),
        ({"duration_weeks": "veinte"}, "duration_weeks"),
        ({"team_size": 0}, "team_size"),
        ({"approach": ""}, "approach"),
        ({"approach": "   "}, "approach"),
        ({"approach": None}, "approach"),
        ({"milestones": {"title": "Odds", "week": 2}}, "milestones"),
        ({"milestones": ["Odds feed live"]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": 2, "owner": "Vera"}]}, "milestones"),
        ({"milestones": [{"week": 2}]}, "milestones"),
        ({"milestones": [{"title": "  ", "week": 2}]}, "milestones"),
        ({"milestones": [{"title": "Odds\nfeed", "week": 2}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": 0}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": "2"}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": True}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": 2, "amount": "0"}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": 2, "amount": "mucho"}]}, "milestones"),
        ({"milestones": [{"title": "Odds", "week": 2, "amount": False}]}, "milestones"),
        ({"milestones": [{"title": f"M{n}", "week": 1} for n in range(21)]}, "milestones"),
        ({"milestones": [{"title": "Go live", "week": 21}]}, "milestones"),
    ],
)
def test_bad_terms_are_refused_field_by_field(bid_invitation, vera, proposal_terms, changes, field):
    with invalid(field):
        proposal_submit(
            actor=vera,
            outsourcing_request=bid_invitation.request,
            **{**proposal_terms, **changes},
        )


def test_a_milestone_may_fall_in_the_last_week(bid_invitation, vera, proposal_terms):
    terms = {**proposal_terms, "milestones": [{"title": "Go live", "week": 20, "amount": None}]}

    assert proposal_submit(actor=vera, outsourcing_request=bid_invitation.request, **terms)


def test_bad_terms_are_reported_before_the_requests_state(bid_invitation, vera, proposal_terms):
    past_due(bid_invitation.request)

    with invalid("price"):
        proposal_submit(
            actor=vera, outsourcing_request=bid_invitation.request, **{**proposal_terms, "price": 0}
        )


def test_bad_terms_are_reported_before_a_duplicate(proposal, victor, proposal_terms):
    with invalid("approach"):
        proposal_submit(
            actor=victor, outsourcing_request=proposal.request, **{**proposal_terms, "approach": ""}
        )
